using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Cli.Benchmarking;

/// <summary>One benchmark workload: a definition, its input, how many executions to time, and what each must do.</summary>
/// <param name="Key">The short name used on the command line (<c>a</c> to <c>e</c>).</param>
/// <param name="Title">What the workload is, for the report.</param>
/// <param name="Definition">The state machine, built with the builders.</param>
/// <param name="Input">The input of every execution.</param>
/// <param name="Executions">How many executions are timed, one after another.</param>
/// <param name="TransitionsPerExecution">
/// The states entered by one execution, children of a distributed Map included: the unit of "transitions per second".
/// SageBuild's run counts them from the histories and the benchmark refuses to report when the count differs.
/// </param>
internal sealed record BenchWorkload(string Key, string Title, StateMachineDefinition Definition, JsonValue Input, int Executions, long TransitionsPerExecution)
{
    /// <summary>
    /// The same shape in JSONPath, measured on SageBuild in the same run instead of the peer (for the JSONata variant,
    /// which no peer runs); null for the JSONPath workloads themselves.
    /// </summary>
    public BenchWorkload? Baseline { get; init; }

    /// <summary>The transitions of all timed executions.</summary>
    public long Transitions => TransitionsPerExecution * Executions;
}
