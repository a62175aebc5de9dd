using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Infra.Pipeline;

/// <summary>What the stack deploys of the pipeline.</summary>
public sealed record PipelineDescription
{
    /// <summary>The state machine's definition, holding the placeholders it was given.</summary>
    public required StateMachineDefinition Definition { get; init; }

    /// <summary>The statements the state machine's role needs, derived from its tasks (merged, no wildcard action).</summary>
    public required IReadOnlyList<PolicyStatement> Statements { get; init; }

    /// <summary>The configuration document the SSM parameter starts with (edits made at run time are kept).</summary>
    public required JsonValue InitialConfiguration { get; init; }

    /// <summary>The Lambda handlers.</summary>
    public required IReadOnlyList<LambdaHandler> Functions { get; init; }

    /// <summary>The build ledger's key schema.</summary>
    public required LedgerKeySchema Ledger { get; init; }

    /// <summary>The endpoint's production variant names (the dashboard's and the alarms' VariantName dimension).</summary>
    public required IReadOnlyList<string> VariantNames { get; init; }
}
