using System.ComponentModel;
using SageBuild.Engine.Api.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.StepFunctions;

/// <summary>Where the executions and state-machines commands send their calls: a SageBuild server, or AWS itself.</summary>
public abstract class StepFunctionsSettings : CommandSettings
{
    [CommandOption("--endpoint <URL>")]
    [Description("A SageBuild server (or any Step Functions endpoint), such as http://127.0.0.1:8083. Without it, the command calls AWS Step Functions in --region.")]
    public string? Endpoint { get; init; }

    [CommandOption("--region <REGION>")]
    [Description("The AWS region. Default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region (us-east-1 for an --endpoint).")]
    public string? Region { get; init; }

    [CommandOption("--profile <NAME>")]
    [Description("A named profile of the shared AWS config and credentials files. Default: AWS_PROFILE, then 'default'.")]
    public string? Profile { get; init; }

    [CommandOption("--json")]
    [Description("Print the API's JSON response instead of a table.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        Endpoint is null || (Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? ValidationResult.Success()
            : ValidationResult.Error($"--endpoint: '{Endpoint}' is not an http:// or https:// URL");

    internal StepFunctionsClientOptions ClientOptions() => new()
    {
        Endpoint = Endpoint is null ? null : new Uri(Endpoint),
        Region = Region,
        Profile = Profile,
    };
}
