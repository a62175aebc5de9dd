using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SageBuild.Engine.Api.Dashboard.Status;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Api.Server;

namespace SageBuild.Engine.Api.Dashboard;

/// <summary>
/// The dashboard's handlers. The page reads and acts through the Step Functions API itself (<c>POST /api/sfn</c>, the
/// same awsJson protocol as <c>POST /</c>, answered in-process so that the browser never needs the API's SigV4 secret),
/// plus two read-only views the API has no operation for: a state machine's graph laid out for drawing, and what an
/// execution did in each state.
/// </summary>
internal sealed class DashboardEndpoints(IStepFunctionsService service, DashboardGuard guard, AwsJsonEndpoint api, ExecutionEventStream events)
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private const string AwsJsonContentType = "application/x-amz-json-1.0";
    private const string TargetPrefix = "AWSStepFunctions.";
    private const int HistoryPageSize = 1000;

    // Every execution of a state machine shares its definition: lay it out once, not each time a page opens one.
    private readonly DrawingCache _drawings = new();

    /// <summary>What the page may do through <c>/api/sfn</c>: read, start and stop executions; nothing that changes a state machine.</summary>
    internal static readonly IReadOnlySet<string> Operations = new HashSet<string>(StringComparer.Ordinal)
    {
        "ListStateMachines", "DescribeStateMachine", "DescribeStateMachineForExecution",
        "ListExecutions", "DescribeExecution", "GetExecutionHistory", "StartExecution", "StopExecution",
    };

    public async Task IndexAsync(HttpContext context)
    {
        if (!await AdmitAsync(context))
            return;
        if (guard.RequiresSignIn && !guard.IsSignedIn(context.Request))
            await SignInPageAsync(context, refused: false);
        else
            await AssetAsync(context, "index.html");
    }

    /// <summary>
    /// <c>POST /api/session</c> with the form field <c>token</c>: signs the browser in and sends it to the dashboard. The
    /// sign-in link carries the token after <c>#</c>, which browsers never send to a server, so it stays out of request
    /// logs; the sign-in page posts it here.
    /// </summary>
    public async Task SessionAsync(HttpContext context)
    {
        if (!await AdmitAsync(context))
            return;
        if (!DashboardGuard.IsSameOrigin(context.Request) || !context.Request.HasFormContentType)
        {
            await ErrorAsync(context, StatusCodes.Status403Forbidden, "AccessDeniedException", "Sign in from the dashboard's own sign-in page.");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var token = form["token"].ToString();
        if (!guard.Matches(token))
        {
            await SignInPageAsync(context, refused: true);
            return;
        }

        DashboardGuard.SignIn(context.Response, token);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = "/";
    }

    public async Task AssetAsync(HttpContext context)
    {
        if (await AdmitAsync(context))
            await AssetAsync(context, context.Request.RouteValues["name"] as string ?? string.Empty);
    }

    public async Task StepFunctionsAsync(HttpContext context)
    {
        if (!await AdmitAsync(context) || !await SignedInAsync(context))
            return;
        var request = context.Request;
        if (!DashboardGuard.IsSameOrigin(request))
        {
            await ErrorAsync(context, StatusCodes.Status403Forbidden, "AccessDeniedException", "The dashboard's API answers only its own page.");
            return;
        }

        // A content type no HTML form can send: a cross-site request would need a CORS preflight, which is never granted.
        if (!request.ContentType?.StartsWith(AwsJsonContentType, StringComparison.OrdinalIgnoreCase) ?? true)
        {
            await ErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, "ValidationException", $"Send the request as {AwsJsonContentType}.");
            return;
        }

        var target = request.Headers["X-Amz-Target"].ToString();
        if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal) || !Operations.Contains(target[TargetPrefix.Length..]))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "UnknownOperationException",
                $"The dashboard offers {string.Join(", ", Operations.Order(StringComparer.Ordinal))}; use the API on POST / for anything else.");
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        await api.HandleAsync(context);
    }

    public async Task GraphAsync(HttpContext context)
    {
        if (!await AdmitAsync(context) || !await SignedInAsync(context))
            return;
        await AnswerAsync(context, async cancellationToken =>
        {
            var query = context.Request.Query;
            var machineArn = query["stateMachineArn"].ToString();
            var executionArn = query["executionArn"].ToString();
            if ((machineArn.Length == 0) == (executionArn.Length == 0))
                throw new StepFunctionsException(StepFunctionsErrorCodes.ValidationException, "Give either stateMachineArn or executionArn (the graph of the definition that execution runs).");
            // An execution stays pinned to the definition it started with, which DescribeStateMachineForExecution returns.
            var definition = machineArn.Length > 0
                ? (await service.DescribeStateMachineAsync(new DescribeStateMachineInput { StateMachineArn = machineArn }, cancellationToken)).Definition
                : (await service.DescribeStateMachineForExecutionAsync(new DescribeStateMachineForExecutionInput { ExecutionArn = executionArn }, cancellationToken)).Definition;
            var drawing = _drawings.GetOrAdd(definition);
            return json => json.WriteRawValue(drawing, skipInputValidation: true);
        });
    }

    public async Task ExecutionStatesAsync(HttpContext context)
    {
        if (!await AdmitAsync(context) || !await SignedInAsync(context))
            return;
        await AnswerAsync(context, async cancellationToken =>
        {
            var executionArn = context.Request.Query["executionArn"].ToString();
            if (executionArn.Length == 0)
                throw new StepFunctionsException(StepFunctionsErrorCodes.ValidationException, "Give executionArn.");
            var history = await ReadHistoryAsync(executionArn, cancellationToken);
            var states = ExecutionStateFold.Fold(history);
            return json => StateSummaryJson.Write(json, executionArn, history.Count, states);
        });
    }

    public async Task EventsAsync(HttpContext context)
    {
        if (!await AdmitAsync(context) || !await SignedInAsync(context))
            return;
        await events.HandleAsync(context);
    }

    public async Task NotFoundAsync(HttpContext context)
    {
        if (!await AdmitAsync(context))
            return;
        await ErrorAsync(context, StatusCodes.Status404NotFound, "ResourceNotFound", "The dashboard has no such endpoint.");
    }

    private async Task<List<HistoryEvent>> ReadHistoryAsync(string executionArn, CancellationToken cancellationToken)
    {
        var events = new List<HistoryEvent>();
        string? token = null;
        do
        {
            var page = await service.GetExecutionHistoryAsync(
                new GetExecutionHistoryInput { ExecutionArn = executionArn, MaxResults = HistoryPageSize, NextToken = token, IncludeExecutionData = true },
                cancellationToken);
            events.AddRange(page.Events);
            token = page.NextToken;
        }
        while (token is not null);
        return events;
    }

    /// <summary>Adds the security headers; refuses (403) a request for a host name the dashboard does not answer to.</summary>
    private async Task<bool> AdmitAsync(HttpContext context)
    {
        DashboardGuard.AddSecurityHeaders(context.Response);
        if (guard.IsAllowedHost(context.Request))
            return true;
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        // The host name is not echoed: it is whatever a stranger's page chose.
        await context.Response.WriteAsync("This dashboard answers only to the host names it was configured with (by default this machine's loopback names).", context.RequestAborted);
        return false;
    }

    private async Task<bool> SignedInAsync(HttpContext context)
    {
        if (guard.IsSignedIn(context.Request))
            return true;
        await ErrorAsync(context, StatusCodes.Status401Unauthorized, "AccessDeniedException",
            "Sign in to the dashboard first: open the link that 'sagebuild serve' printed when it started.");
        return false;
    }

    private static async Task AnswerAsync(HttpContext context, Func<CancellationToken, Task<Action<Utf8JsonWriter>>> produce)
    {
        Action<Utf8JsonWriter> write;
        try
        {
            write = await produce(context.RequestAborted);
        }
        catch (StepFunctionsException e)
        {
            await ErrorAsync(context, e.StatusCode, e.Code, e.Message);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = JsonContentType;
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
            write(json);
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }

    /// <summary>An error in the API's own shape, <c>{"__type", "message"}</c>, so the page reports every failure alike.</summary>
    private static async Task ErrorAsync(HttpContext context, int statusCode, string code, string message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new AwsErrorBody { Type = code, Message = message }, StepFunctionsJsonContext.Default.AwsErrorBody);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = JsonContentType;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static async Task AssetAsync(HttpContext context, string name)
    {
        var asset = DashboardAssets.Find(name);
        if (asset is null || name == SignInPage)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "ResourceNotFound", "The dashboard has no such file.");
            return;
        }

        context.Response.Headers.ETag = asset.ETag;
        // Revalidate every time: a new build must never run with an old script.
        context.Response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = asset.Bytes.Length;
        await context.Response.Body.WriteAsync(asset.Bytes, context.RequestAborted);
    }

    private const string SignInPage = "signin.html";

    private static async Task SignInPageAsync(HttpContext context, bool refused)
    {
        var page = DashboardAssets.Find(SignInPage)!;
        var html = Encoding.UTF8.GetString(page.Bytes).Replace(
            "<!--message-->",
            refused ? "<p class=\"error\" role=\"alert\">That is not this server's token.</p>" : string.Empty,
            StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(html);
        context.Response.StatusCode = refused ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        context.Response.ContentType = page.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
