namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>A point of a drawing, in pixels from its top-left corner.</summary>
internal readonly record struct LayoutPoint(double X, double Y)
{
    public LayoutPoint Offset(double dx, double dy) => new(X + dx, Y + dy);
}
