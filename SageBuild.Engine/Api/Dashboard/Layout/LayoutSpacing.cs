namespace SageBuild.Engine.Api.Dashboard.Layout;

/// <summary>The distances of a drawing, in pixels, in one place.</summary>
internal static class LayoutSpacing
{
    /// <summary>Vertical room between a layer of states and the layer of edge bends (and labels) below it.</summary>
    public const double LayerGap = 18;

    /// <summary>Horizontal room between two states of one layer.</summary>
    public const double NodeGap = 28;

    /// <summary>Horizontal room between an edge and a state, or between two edges, passing through one layer.</summary>
    public const double EdgeGap = 12;

    /// <summary>How far a self-loop reaches to the right of its state.</summary>
    public const double SelfLoopReach = 18;

    /// <summary>Gap between an edge's line and its label.</summary>
    public const double LabelGap = 5;

    /// <summary>Around a whole drawing.</summary>
    public const double Margin = 16;

    /// <summary>A Parallel's or Map's title bar: its name and type.</summary>
    public const double ContainerHeader = 44;

    /// <summary>Inside a Parallel or Map, around its branches.</summary>
    public const double ContainerPadding = 12;

    /// <summary>Between two branches of a Parallel.</summary>
    public const double ClusterGap = 14;

    /// <summary>A branch's or item processor's title ("Branch 1 of …").</summary>
    public const double ClusterHeader = 22;

    /// <summary>Inside a branch, around its states.</summary>
    public const double ClusterPadding = 12;

    /// <summary>A state's box.</summary>
    public const double StateHeight = 44;
    public const double StateMinWidth = 132;
    public const double StateMaxWidth = 280;

    /// <summary>The Start and End markers.</summary>
    public const double MarkerWidth = 64;
    public const double MarkerHeight = 28;

    /// <summary>Estimated text metrics of the page's fonts (state names at 13px semibold, labels at 11px).</summary>
    public const double NameCharWidth = 8.4;
    public const double LabelCharWidth = 6.3;
    public const double LabelHeight = 15;
    public const double LabelMaxWidth = 150;
    public const int LabelMaxLines = 3;
    public const double LabelPadding = 8;
}
