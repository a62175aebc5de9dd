namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>A box to place: its size, in pixels.</summary>
internal readonly record struct LayeredNode(double Width, double Height);
