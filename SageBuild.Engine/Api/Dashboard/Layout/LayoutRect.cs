namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>An axis-aligned box of a drawing, in pixels from its top-left corner.</summary>
internal readonly record struct LayoutRect(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public double CenterX => X + (Width / 2);

    public double CenterY => Y + (Height / 2);

    public LayoutRect Offset(double dx, double dy) => this with { X = X + dx, Y = Y + dy };

    /// <summary>Whether <paramref name="point"/> is inside or on the border (with <paramref name="tolerance"/> pixels to spare).</summary>
    public bool Contains(LayoutPoint point, double tolerance = 0.01) =>
        point.X >= X - tolerance && point.X <= Right + tolerance && point.Y >= Y - tolerance && point.Y <= Bottom + tolerance;

    /// <summary>Whether <paramref name="other"/> lies wholly inside this box.</summary>
    public bool Encloses(LayoutRect other, double tolerance = 0.01) =>
        other.X >= X - tolerance && other.Right <= Right + tolerance && other.Y >= Y - tolerance && other.Bottom <= Bottom + tolerance;

    /// <summary>Whether the two boxes share any area (touching borders do not count).</summary>
    public bool Overlaps(LayoutRect other) =>
        X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;
}
