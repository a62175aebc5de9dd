using SageBuild.Engine.Api.Authentication;

namespace SageBuild.Engine.Api.Server;

/// <summary>How the Step Functions endpoint (<c>POST /</c>) treats requests, wherever it is mapped.</summary>
public sealed record StepFunctionsApiOptions
{
    /// <summary>The access keys whose SigV4 signatures are accepted.</summary>
    /// <value><see cref="ServerCredentials.None"/>: any caller is accepted, as Step Functions Local does.</value>
    public ServerCredentials Credentials { get; init; } = ServerCredentials.None;

    /// <summary>The clock signatures are checked against (and request ids are stamped with).</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The largest request body accepted, in bytes.</summary>
    /// <value>8 MiB: room for AWS's largest definition (1,048,576 characters) even when every character is escaped.</value>
    public int MaxRequestBodyBytes { get; init; } = StepFunctionsServerDefaults.MaxRequestBodyBytes;

    internal IEnumerable<string> Problems()
    {
        if (Credentials is null)
            yield return $"{nameof(StepFunctionsApiOptions)}.{nameof(Credentials)}: must not be null (use ServerCredentials.None)";
        if (TimeProvider is null)
            yield return $"{nameof(StepFunctionsApiOptions)}.{nameof(TimeProvider)}: must not be null";
        if (MaxRequestBodyBytes < 1024)
            yield return $"{nameof(StepFunctionsApiOptions)}.{nameof(MaxRequestBodyBytes)}: {MaxRequestBodyBytes} is below the 1024 bytes any request needs";
    }
}
