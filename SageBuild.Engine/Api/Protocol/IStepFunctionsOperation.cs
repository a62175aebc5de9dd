namespace SageBuild.Engine.Api.Protocol;

/// <summary>One operation of the awsJson protocol: how its request reads, validates and runs, and how its response writes.</summary>
internal interface IStepFunctionsOperation
{
    /// <summary>The operation name, as it follows <c>AWSStepFunctions.</c> in X-Amz-Target.</summary>
    string Name { get; }

    /// <summary>The host prefix AWS's endpoint adds for this operation (<c>sync-</c>), or null.</summary>
    string? HostPrefix { get; }

    /// <summary>Reads the request body, checks the model's constraints, calls the service and serialises the response.</summary>
    /// <exception cref="StepFunctionsException">SerializationException, ValidationException, or whatever the service throws.</exception>
    Task<byte[]> InvokeAsync(IStepFunctionsService service, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}
