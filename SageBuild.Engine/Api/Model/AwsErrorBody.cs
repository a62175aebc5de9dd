using System.Text.Json.Serialization;

namespace SageBuild.Engine.Api.Model;

/// <summary>The body of an awsJson error response: <c>{"__type": "Code", "message": "..."}</c>.</summary>
public sealed record AwsErrorBody
{
    /// <summary>The error code; AWS sometimes prefixes it with a namespace and <c>#</c>, which readers drop.</summary>
    [JsonPropertyName("__type")]
    public string? Type { get; init; }

    /// <summary>The message, as most AWS services spell the member.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>The message, as some AWS front ends (signature checks) spell the member.</summary>
    [JsonPropertyName("Message")]
    public string? MessageCapitalised { get; init; }
}
