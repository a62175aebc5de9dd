using SageBuild.Engine.Api.Model;
using SageBuild.Functions.Aws;
using SageBuild.Tests.Engine.Api;

namespace SageBuild.Tests.Functions.Aws;

/// <summary>
/// What a deployed function sees, on this machine: our Step Functions API host on loopback, which requires SigV4
/// signatures, holding the stack's state machine; and the environment the Lambda runtime and SageBuild.Infra give
/// the function (region, the role's temporary credentials with their session token, the state machine's ARN), with
/// the SDKs' endpoint override pointing at the host.
/// </summary>
internal sealed class LambdaSandbox : IAsyncDisposable
{
    public const string MachineName = "sagebuild-dev";
    public const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLE-session-token";

    private LambdaSandbox(ApiHost host) => Host = host;

    public ApiHost Host { get; }

    public static string StateMachineArn => Definitions.StateMachineArn(MachineName);

    /// <summary>The function's environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = ApiHost.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = ApiHost.SecretAccessKey,
        ["AWS_SESSION_TOKEN"] = SessionToken,
        ["AWS_ENDPOINT_URL_SFN"] = Host.EndpointUrl,
        [LambdaVariables.StateMachineArn] = StateMachineArn,
        [LambdaVariables.Branch] = "dev",
    };

    public Func<string, string?> Variables => name => Environment.GetValueOrDefault(name);

    /// <summary>The sandbox with its state machine: by default one whose builds run until stopped (<see cref="Definitions.Hold"/>).</summary>
    public static async Task<LambdaSandbox> StartAsync(string definition = Definitions.Hold)
    {
        var host = await ApiHost.StartAsync(requireSignatures: true);
        await host.Service.CreateStateMachineAsync(new CreateStateMachineInput { Name = MachineName, Definition = definition, RoleArn = Definitions.RoleArn });
        return new LambdaSandbox(host);
    }

    /// <summary>The pipeline as a deployed function connects to it: from its environment.</summary>
    public DeployedPipeline Pipeline() => DeployedPipeline.FromEnvironment(Variables) ?? throw new AssertionException("the sandbox names a state machine");

    /// <summary>Every execution the host holds, oldest first.</summary>
    public async Task<IReadOnlyList<DescribeExecutionOutput>> ExecutionsAsync()
    {
        var listed = await Host.Service.ListExecutionsAsync(new ListExecutionsInput { StateMachineArn = StateMachineArn, MaxResults = 1000 });
        var described = new List<DescribeExecutionOutput>();
        foreach (var e in listed.Executions.OrderBy(e => e.StartDate).ThenBy(e => e.Name, StringComparer.Ordinal))
            described.Add(await Host.Service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = e.ExecutionArn }));
        return described;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
