using SageBuild.Engine.Api.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.Engine.Api.Service;

/// <summary>ValidateStateMachineDefinition and TestState.</summary>
public sealed partial class EngineStepFunctionsService
{
    /// <inheritdoc />
    public Task<ValidateStateMachineDefinitionOutput> ValidateStateMachineDefinitionAsync(ValidateStateMachineDefinitionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Every problem this validator finds stops a definition from being created, so each is an ERROR.
        var errors = DefinitionValidator.Validate(input.Definition);
        var limit = input.MaxResults is null or 0 ? PageToken.DefaultPageSize : input.MaxResults.Value;
        return Task.FromResult(new ValidateStateMachineDefinitionOutput
        {
            Result = errors.Count == 0 ? ValidateStateMachineDefinitionResultCode.Ok : ValidateStateMachineDefinitionResultCode.Fail,
            Diagnostics = [.. errors.Take(limit).Select(e => new ValidateStateMachineDefinitionDiagnostic
            {
                Severity = ValidateStateMachineDefinitionSeverity.Error,
                Code = e.Code,
                Message = e.Message,
                Location = e.Pointer,
            })],
            Truncated = errors.Count > limit,
        });
    }

    /// <inheritdoc />
    public Task<TestStateOutput> TestStateAsync(TestStateInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new StateTester(_engine).TestAsync(input, cancellationToken);
    }
}
