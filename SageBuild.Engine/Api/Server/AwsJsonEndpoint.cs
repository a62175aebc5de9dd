using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using SageBuild.Engine.Api.Authentication;
using AwsErrorBody = SageBuild.Engine.Api.Model.AwsErrorBody;
using StepFunctionsJsonContext = SageBuild.Engine.Api.Model.StepFunctionsJsonContext;
using SageBuild.Engine.Api.Protocol;

namespace SageBuild.Engine.Api.Server;

/// <summary>
/// Serves the awsJson1_0 protocol: <c>POST /</c> with <c>X-Amz-Target: AWSStepFunctions.&lt;Operation&gt;</c>. It
/// authenticates (when credentials are configured), finds the operation, lets it read, validate and run the request, and
/// answers errors as HTTP 400 <c>{"__type", "message"}</c> (500 InternalFailure for a bug).
/// </summary>
internal sealed partial class AwsJsonEndpoint(IStepFunctionsService service, StepFunctionsApiOptions options, ILogger logger)
{
    private const string TargetPrefix = "AWSStepFunctions.";
    private const string ContentType = "application/x-amz-json-1.0";

    private readonly SigV4Verifier? _verifier = options.Credentials.IsEmpty ? null : new SigV4Verifier(options.Credentials, options.TimeProvider);

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        context.Response.Headers["x-amzn-RequestId"] = Guid.CreateVersion7(options.TimeProvider.GetUtcNow()).ToString();
        var operationName = "(unknown)";
        try
        {
            var body = await ReadBodyAsync(context.Request, cancellationToken);
            _verifier?.Verify(ToSigV4Request(context, body));
            var target = context.Request.Headers["X-Amz-Target"].ToString();
            if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal)
                || !StepFunctionsOperations.ByName.TryGetValue(target[TargetPrefix.Length..], out var operation))
            {
                throw StepFunctionsErrors.UnknownOperation();
            }
            operationName = operation.Name;
            var response = await operation.InvokeAsync(service, body, cancellationToken);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = ContentType;
            context.Response.ContentLength = response.Length;
            await context.Response.Body.WriteAsync(response, cancellationToken);
        }
        catch (StepFunctionsException e)
        {
            LogRefused(logger, operationName, e.Code);
            await WriteErrorAsync(context, e.Code, e.Message, e.StatusCode);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away; there is nobody to answer.
        }
#pragma warning disable CA1031 // Any other failure is a bug in a service; the caller still gets AWS's InternalFailure, and the log the details.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(logger, e, operationName);
            await WriteErrorAsync(context, StepFunctionsErrorCodes.InternalFailure, "An internal error occurred.", StatusCodes.Status500InternalServerError);
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = options.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
            throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            // Never ask for more than one byte past the limit, so a chunked body that is too large is caught here too.
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit + 1 - buffer.Length)), cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                    throw TooLarge();
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private StepFunctionsException TooLarge() =>
        new(StepFunctionsErrorCodes.ValidationException, $"The request body is larger than {options.MaxRequestBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    private static SigV4Request ToSigV4Request(HttpContext context, ReadOnlyMemory<byte> body)
    {
        // SigV4 signs the path and query exactly as sent, before any decoding the framework does.
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var headers = context.Request.Headers.ToDictionary(
            h => h.Key,
            h => (IReadOnlyList<string>)h.Value.Where(v => v is not null).Select(v => v!).ToArray(),
            StringComparer.OrdinalIgnoreCase);
        return new SigV4Request(
            context.Request.Method,
            question < 0 ? rawTarget : rawTarget[..question],
            question < 0 ? string.Empty : rawTarget[(question + 1)..],
            headers,
            body);
    }

    private static async Task WriteErrorAsync(HttpContext context, string code, string message, int statusCode)
    {
        if (context.Response.HasStarted)
            return;
        var body = JsonSerializer.SerializeToUtf8Bytes(new AwsErrorBody { Type = code, Message = message }, StepFunctionsJsonContext.Default.AwsErrorBody);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = ContentType;
        context.Response.Headers["x-amzn-ErrorType"] = code;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Operation} refused: {Code}")]
    private static partial void LogRefused(ILogger logger, string operation, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Operation} failed with an unexpected error")]
    private static partial void LogFailed(ILogger logger, Exception exception, string operation);
}
