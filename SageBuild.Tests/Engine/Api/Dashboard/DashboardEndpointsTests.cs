using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SageBuild.Engine.Api.Dashboard;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Api.Server;
using SageBuild.Tests.Engine.Api.Server;

namespace SageBuild.Tests.Engine.Api.Dashboard;

/// <summary>The dashboard's endpoints over real loopback HTTP: what they answer, and whom they refuse.</summary>
public sealed class DashboardEndpointsTests
{
    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Engine", "Api", "Dashboard", "Fixtures", name));

    [Test]
    public async Task Serves_the_page_and_its_files_with_headers_that_forbid_other_origins_scripts_and_framing()
    {
        await using var host = await DashboardHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Endpoint };

        using var page = await http.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("<script type=\"module\" src=\"/ui/app.js\"></script>"));
            Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"), "nothing is loaded from elsewhere");
            var policy = page.Headers.GetValues("Content-Security-Policy").Single();
            Assert.That(policy, Does.Contain("default-src 'none'").And.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'"));
            Assert.That(page.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(page.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
            Assert.That(page.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
        });

        foreach (var (file, type) in new[] { ("app.js", "text/javascript"), ("graph.js", "text/javascript"), ("app.css", "text/css"), ("favicon.svg", "image/svg+xml") })
        {
            using var asset = await http.GetAsync($"/ui/{file}");
            Assert.That((asset.StatusCode, asset.Content.Headers.ContentType!.MediaType), Is.EqualTo((HttpStatusCode.OK, type)), file);
            using var again = new HttpRequestMessage(HttpMethod.Get, $"/ui/{file}");
            again.Headers.IfNoneMatch.Add(asset.Headers.ETag!);
            using var cached = await http.SendAsync(again);
            Assert.That(cached.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), $"{file} revalidates by ETag");
        }

        using var missing = await http.GetAsync("/ui/nothing.js");
        using var signIn = await http.GetAsync("/ui/signin.html");
        Assert.That((missing.StatusCode, signIn.StatusCode), Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.NotFound)));
    }

    [Test]
    public async Task Every_script_the_page_imports_is_served()
    {
        await using var host = await DashboardHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Endpoint };
        var pending = new Queue<string>(["app.js"]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var file))
        {
            if (!seen.Add(file))
                continue;
            using var response = await http.GetAsync($"/ui/{file}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{file} is imported but not served");
            var script = await response.Content.ReadAsStringAsync();
            foreach (System.Text.RegularExpressions.Match import in System.Text.RegularExpressions.Regex.Matches(script, @"from '\./([\w-]+\.js)'"))
                pending.Enqueue(import.Groups[1].Value);
        }

        using var signIn = await http.GetAsync("/ui/signin.js");
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(seen, Is.SupersetOf(new[] { "app.js", "api.js", "dom.js", "graph.js", "live.js", "machine-view.js", "execution-view.js", "dialogs.js" }));
    }

    [Test]
    public async Task Answers_the_Step_Functions_API_in_process_for_the_page_even_when_the_API_demands_signatures()
    {
        await using var host = await DashboardHost.StartAsync(requireSignatures: true);
        var machine = await host.CreateStateMachineAsync("Approval", Fixture("approval.asl.json"));
        using var http = SignedIn(host);

        using var listed = await http.SendAsync(PageCall("ListStateMachines", "{}"));
        var body = await listed.Content.ReadAsStringAsync();
        Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain(machine));

        // The API itself still wants a signature: the dashboard's path is no back door to POST /.
        using var unsigned = new HttpClient { BaseAddress = host.Endpoint };
        using var direct = new HttpRequestMessage(HttpMethod.Post, "/") { Content = AwsJson("{}") };
        direct.Headers.Add("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
        using var refused = await unsigned.SendAsync(direct);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("MissingAuthenticationToken").Or.Contain("IncompleteSignature"));
    }

    [Test]
    public async Task The_page_may_start_and_stop_executions_but_not_change_state_machines()
    {
        await using var host = await DashboardHost.StartAsync();
        var machine = await host.CreateStateMachineAsync("Approval", Fixture("approval.asl.json"));
        using var http = new HttpClient { BaseAddress = host.Endpoint };

        using var started = await http.SendAsync(PageCall("StartExecution", $$"""{"stateMachineArn":"{{machine}}","name":"from-api","input":"{\"release\":\"v3\"}"}"""));
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.OK), await started.Content.ReadAsStringAsync());
        await host.Tokens.TokenOf("Wait for approval");
        using var stopped = await http.SendAsync(PageCall("StopExecution", $$"""{"executionArn":"{{machine.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal)}}:from-api","cause":"enough"}"""));
        Assert.That(stopped.StatusCode, Is.EqualTo(HttpStatusCode.OK), await stopped.Content.ReadAsStringAsync());

        using var delete = await http.SendAsync(PageCall("DeleteStateMachine", $$"""{"stateMachineArn":"{{machine}}"}"""));
        var refusal = await delete.Content.ReadAsStringAsync();
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(refusal, Does.Contain("UnknownOperationException").And.Contain("use the API on POST /"));
        Assert.That((await host.Service.ListStateMachinesAsync(new ListStateMachinesInput())).StateMachines, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Refuses_the_page_API_to_other_sites()
    {
        await using var host = await DashboardHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Endpoint };

        using var crossSite = PageCall("ListStateMachines", "{}");
        crossSite.Headers.Add("Origin", "https://evil.example");
        using var fromElsewhere = await http.SendAsync(crossSite);

        // A form can post text/plain without a preflight; the dashboard takes only the API's own content type.
        using var form = new HttpRequestMessage(HttpMethod.Post, "/api/sfn") { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
        form.Headers.Add("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
        using var plain = await http.SendAsync(form);

        using var sameSite = PageCall("ListStateMachines", "{}");
        sameSite.Headers.Add("Origin", host.Endpoint.GetLeftPart(UriPartial.Authority));
        using var fromItself = await http.SendAsync(sameSite);

        Assert.Multiple(() =>
        {
            Assert.That(fromElsewhere.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
            Assert.That(fromItself.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [TestCase("/")]
    [TestCase("/ui/app.js")]
    [TestCase("/api/graph?stateMachineArn=x")]
    [TestCase("/api/events")]
    public async Task Refuses_a_host_name_other_than_loopback_so_DNS_rebinding_cannot_reach_it(string path)
    {
        await using var host = await DashboardHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Endpoint };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "rebound.evil.example";
        using var response = await http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("evil"), "the name is not echoed");

        using var byName = new HttpRequestMessage(HttpMethod.Get, "/");
        byName.Headers.Host = $"localhost:{host.Endpoint.Port}";
        using var allowed = await http.SendAsync(byName);
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "localhost is this machine");
    }

    [Test]
    public async Task Lays_out_the_graph_of_a_state_machine_and_of_the_definition_an_execution_runs()
    {
        await using var host = await DashboardHost.StartAsync();
        var machine = await host.CreateStateMachineAsync("Approval", Fixture("approval.asl.json"));
        var execution = await host.StartExecutionAsync(machine);
        using var http = new HttpClient { BaseAddress = host.Endpoint };

        foreach (var query in new[] { $"stateMachineArn={Uri.EscapeDataString(machine)}", $"executionArn={Uri.EscapeDataString(execution)}" })
        {
            using var response = await http.GetAsync($"/api/graph?{query}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), query);
            Assert.That(response.Headers.CacheControl!.NoStore, Is.True);
            using var graph = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var labels = graph.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("label").GetString()).ToList();
            Assert.That(labels, Is.SupersetOf(new[] { "Start", "Prepare", "Fan out", "Wait for approval", "Score", "Publish", "Rejected" }), query);
            Assert.That(graph.RootElement.GetProperty("clusters").GetArrayLength(), Is.EqualTo(3), "two branches and a Map's items");
        }
    }

    [TestCase("", "ValidationException")]
    [TestCase("?stateMachineArn=a&executionArn=b", "ValidationException")]
    [TestCase("?stateMachineArn=arn:aws:states:us-east-1:123456789012:stateMachine:Nobody", "StateMachineDoesNotExist")]
    public async Task Says_what_is_wrong_with_a_graph_request(string query, string code)
    {
        await using var host = await DashboardHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Endpoint };
        using var response = await http.GetAsync($"/api/graph{query}");
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.RootElement.GetProperty("__type").GetString(), Is.EqualTo(code));
        Assert.That(error.RootElement.GetProperty("message").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task Reports_what_an_execution_did_in_each_state()
    {
        await using var host = await DashboardHost.StartAsync();
        var machine = await host.CreateStateMachineAsync("Approval", Fixture("approval.asl.json"));
        var execution = await host.StartExecutionAsync(machine, """{"release":"v1"}""");
        await host.Service.SendTaskFailureAsync(new SendTaskFailureInput { TaskToken = await host.Tokens.TokenOf("Wait for approval"), Error = "Declined", Cause = "not today" });
        await host.WaitForEndAsync(execution);
        using var http = new HttpClient { BaseAddress = host.Endpoint };

        using var response = await http.GetAsync($"/api/execution-states?executionArn={Uri.EscapeDataString(execution)}");
        using var states = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var byName = states.RootElement.GetProperty("states").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(byName["Prepare"].GetProperty("status").GetString(), Is.EqualTo("succeeded"));
            Assert.That(byName["Prepare"].GetProperty("input").GetString(), Is.EqualTo("""{"release":"v1"}"""));
            Assert.That(byName["Wait for approval"].GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(byName["Wait for approval"].GetProperty("error").GetString(), Is.EqualTo("Declined"));
            Assert.That(byName["Fan out"].GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(byName["Score"].GetProperty("visits").GetInt32(), Is.EqualTo(3));
            Assert.That(byName.ContainsKey("Publish"), Is.False, "never entered");
            Assert.That(states.RootElement.GetProperty("eventCount").GetInt32(), Is.GreaterThan(10));
        });
    }

    [Test]
    public async Task Signs_a_browser_in_with_the_printed_token_and_never_logs_it_even_with_every_request_logged()
    {
        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace));
        var service = EngineServices.Fresh();
        await using var server = await StepFunctionsServer.StartAsync(service, new StepFunctionsServerOptions
        {
            Port = 0,
            LoggerFactory = factory,
            Api = new StepFunctionsApiOptions { Credentials = SageBuild.Engine.Api.Authentication.ServerCredentials.Parse("AKIDX:secret-of-the-api") },
        });
        var token = TokenOf(server.DashboardUrl!);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.Endpoint };

        using var anonymous = await http.GetAsync("/api/graph?stateMachineArn=x");
        using var page = await http.GetAsync("/");
        using var wrong = await http.PostAsync("/api/session", new FormUrlEncodedContent([new("token", "not-the-token")]));
        using var right = await http.PostAsync("/api/session", new FormUrlEncodedContent([new("token", token)]));
        var cookie = right.Headers.GetValues("Set-Cookie").Single();
        Assert.Multiple(() =>
        {
            Assert.That(server.DashboardUrl!.Fragment, Does.StartWith("#token="), "the link keeps the token where no request carries it");
            Assert.That(server.DashboardUrl.Query, Is.Empty);
            Assert.That(token, Has.Length.GreaterThanOrEqualTo(40), "a random token, not a guessable one");
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the sign-in page");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
            Assert.That(right.Headers.Location!.ToString(), Is.EqualTo("/"));
            Assert.That(cookie, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
            Assert.That(logs.Lines.Select(l => l.Message), Has.Some.Contains("Dashboard on"));
            Assert.That(logs.Lines.Select(l => l.Message), Has.None.Contains(token).And.None.Contains("secret-of-the-api"));
        });

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/graph?stateMachineArn=x");
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var signedIn = await http.SendAsync(withCookie);
        Assert.That(await signedIn.Content.ReadAsStringAsync(), Does.Contain("InvalidArn"), "past the sign-in, the request reaches the service");
    }

    [Test]
    public async Task Serves_no_dashboard_when_asked_not_to_and_the_API_still_answers()
    {
        await using var server = await StepFunctionsServer.StartAsync(EngineServices.Fresh(), new StepFunctionsServerOptions { Port = 0, Dashboard = null });
        using var http = new HttpClient { BaseAddress = server.Endpoint };
        using var page = await http.GetAsync("/");
        using var api = new HttpRequestMessage(HttpMethod.Post, "/") { Content = AwsJson("{}") };
        api.Headers.Add("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
        using var listed = await http.SendAsync(api);
        // Only the API's POST / is mapped: a browser's GET finds no page.
        Assert.That((page.StatusCode, listed.StatusCode, server.DashboardUrl), Is.EqualTo((HttpStatusCode.MethodNotAllowed, HttpStatusCode.OK, (Uri?)null)));
    }

    [Test]
    public void Names_every_bad_dashboard_option_at_once()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => StepFunctionsServer.StartAsync(EngineServices.Fresh(), new StepFunctionsServerOptions
        {
            Port = 0,
            Dashboard = new DashboardOptions { AccessToken = "short", AllowedHosts = [], PollInterval = TimeSpan.FromHours(1) },
        }))!;
        Assert.That(error.Message, Does.Contain("DashboardOptions.AccessToken").And.Contain("DashboardOptions.AllowedHosts").And.Contain("DashboardOptions.PollInterval"));
    }

    private static HttpClient SignedIn(DashboardHost host)
    {
        var token = TokenOf(host.Server.DashboardUrl!);
        var http = new HttpClient { BaseAddress = host.Endpoint };
        http.DefaultRequestHeaders.Add("Cookie", $"{"sagebuild-dashboard"}={token}");
        return http;
    }

    private static string TokenOf(Uri dashboardUrl) => Uri.UnescapeDataString(dashboardUrl.Fragment["#token=".Length..]);

    private static HttpRequestMessage PageCall(string operation, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sfn") { Content = AwsJson(body) };
        request.Headers.Add("X-Amz-Target", $"AWSStepFunctions.{operation}");
        return request;
    }

    private static ByteArrayContent AwsJson(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        return content;
    }
}
