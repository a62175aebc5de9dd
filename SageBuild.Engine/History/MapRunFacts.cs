using SageBuild.Engine.Api;

namespace SageBuild.Engine.History;

/// <summary>
/// What DescribeMapRun shows of a distributed Map Run that is fixed when it starts: recorded in its MapRunStarted event,
/// so that it reads the same once the Map Run has ended, and after a restart.
/// </summary>
/// <param name="Settings">MaxConcurrency and ToleratedFailure* as evaluated (a value taken from a path, too).</param>
/// <param name="ItemCount">The items, before ItemBatcher groups them into the children's batches.</param>
/// <param name="WritesResults">Whether the Map has a ResultWriter (its Map Run writes its results when it succeeds).</param>
public sealed record MapRunFacts(MapRunSettings Settings, int ItemCount, bool WritesResults);
