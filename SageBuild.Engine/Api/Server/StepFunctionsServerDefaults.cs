namespace SageBuild.Engine.Api.Server;

/// <summary>The defaults of <see cref="StepFunctionsServerOptions"/> and <see cref="StepFunctionsApiOptions"/>, in one place.</summary>
internal static class StepFunctionsServerDefaults
{
    /// <summary>Loopback only: the API runs state machines, so reaching it from the network must be a choice.</summary>
    public const string Bind = "127.0.0.1";

    /// <summary>The port Step Functions Local uses, so existing scripts and SDK settings keep working.</summary>
    public const int Port = 8083;

    public const int MaxRequestBodyBytes = 8 * 1024 * 1024;
}
