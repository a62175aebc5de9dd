using System.Text.Json;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Api.Protocol;

namespace SageBuild.Engine.Api.Client;

/// <summary>Turns an awsJson error answer into a <see cref="StepFunctionsException"/>.</summary>
internal static class AwsErrorReader
{
    public static StepFunctionsException Read(HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        AwsErrorBody? error = null;
        try
        {
            error = body.Length > 0 ? JsonSerializer.Deserialize(body, StepFunctionsJson.Lenient(StepFunctionsJsonContext.Default.AwsErrorBody)) : null;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the status line is all there is to report.
        }
        var code = Normalise(error?.Type)
            ?? Normalise(response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.FirstOrDefault() : null)
            ?? (status >= 500 ? StepFunctionsErrorCodes.InternalFailure : $"Http{status}");
        var message = error?.Message ?? error?.MessageCapitalised ?? $"HTTP {status} {response.ReasonPhrase}";
        return new StepFunctionsException(code, message, status, RequestId(response));
    }

    public static string? RequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;

    // AWS may send "com.amazonaws.swf.service.v2.model#StateMachineDoesNotExist" or "Code:http://internal.amazon.com/...".
    private static string? Normalise(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
            return null;
        var code = type[(type.LastIndexOf('#') + 1)..];
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? code[..colon] : code;
    }
}
