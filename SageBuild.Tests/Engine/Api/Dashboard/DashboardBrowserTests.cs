using Microsoft.Playwright;
using SageBuild.Engine.Api.Model;

namespace SageBuild.Tests.Engine.Api.Dashboard;

/// <summary>
/// The dashboard in a real browser (the Debian chromium, driven by Playwright) against a real server and engine: what a
/// user sees, live, while executions run.
/// </summary>
[NonParallelizable]
public sealed class DashboardBrowserTests
{
    private const string XssName = "<img src=x onerror=\"window.__xss=1\">";
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(15);

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task LaunchBrowser() => (_playwright, _browser) = await Chromium.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseBrowser()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
    }

    [Test]
    public async Task Shows_a_running_execution_turn_SUCCEEDED_live_with_its_graph_and_history()
    {
        await using var host = await DashboardHost.StartAsync();
        var machine = await host.CreateStateMachineAsync("Approval", Fixture("approval.asl.json"));
        var execution = await host.StartExecutionAsync(machine, """{"release":"v1.2","note":"<script>window.__xss=2</script>"}""", "release-v1-2");
        var page = await NewPageAsync();

        await page.GotoAsync(host.Endpoint.ToString());
        var row = page.Locator($"tr[data-execution-arn=\"{execution}\"]");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("RUNNING", new() { Timeout = 10_000 });
        await Screenshot(page, "dashboard-executions.png", "A state machine's executions, one running");
        await row.GetByRole(AriaRole.Link, new() { Name = "release-v1-2" }).ClickAsync();

        var status = page.Locator("#execution-status");
        await Expect(status).ToHaveTextAsync("RUNNING");
        await Expect(Node(page, "Wait for approval")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\binProgress\\b"), new() { Timeout = 10_000 });
        await Expect(Node(page, "Prepare")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bsucceeded\\b"));
        await Expect(Node(page, "Publish")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bnotStarted\\b"));
        // A mark that only survives if the page is never reloaded: what follows must arrive live.
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        var token = await host.Tokens.TokenOf("Wait for approval");
        await host.Service.SendTaskSuccessAsync(new SendTaskSuccessInput { TaskToken = token, Output = """{"approved":true}""" });

        await Expect(status).ToHaveTextAsync("SUCCEEDED", new() { Timeout = (float)Live.TotalMilliseconds });
        Assert.That(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), Is.True, "the status changed without a reload");
        await Expect(Node(page, "Publish")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bsucceeded\\b"), new() { Timeout = (float)Live.TotalMilliseconds });
        await Expect(Node(page, "Wait for approval")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bsucceeded\\b"));
        await Expect(Node(page, "Rejected")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bnotStarted\\b"));
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-mode", "live");

        // The input and output of a state, by clicking it.
        await Node(page, "Wait for approval").ClickAsync();
        await Expect(page.Locator("#state-status")).ToHaveTextAsync("Succeeded");
        await Expect(page.Locator("#state-output")).ToContainTextAsync("\"approved\": true");
        await Node(page, "Prepare").ClickAsync();
        await Expect(page.Locator("#state-input")).ToContainTextAsync("\"release\": \"v1.2\"");

        // A state named like markup, and an input holding a script, show as text and run nothing.
        await Expect(Node(page, XssName).Locator("text.name")).ToContainTextAsync("<img");
        Assert.That(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), Is.True, "no injected script ran");

        await Screenshot(page, "dashboard-execution-graph.png", "The execution's graph after it succeeded live, with a state's input and output");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Event history" }).ClickAsync();
        var events = page.Locator("#events tbody tr");
        await Expect(events.Filter(new() { HasText = "ExecutionSucceeded" })).ToHaveCountAsync(1);
        await Expect(events.Filter(new() { HasText = "TaskSucceeded" })).ToHaveCountAsync(1);
        var history = await host.Service.GetExecutionHistoryAsync(new GetExecutionHistoryInput { ExecutionArn = execution, MaxResults = 1000 });
        await Expect(events).ToHaveCountAsync(history.Events.Count);
        await Screenshot(page, "dashboard-execution-history.png", "The execution's event history");
        Assert.That(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), Is.True, "no injected script ran in the history either");
    }

    [Test]
    public async Task Starts_an_execution_with_an_input_and_stops_it_after_confirming()
    {
        await using var host = await DashboardHost.StartAsync();
        var machine = await host.CreateStateMachineAsync("Approval", Fixture("approval.asl.json"));
        var page = await NewPageAsync();
        await page.GotoAsync(host.Endpoint.ToString());

        await page.GetByRole(AriaRole.Button, new() { Name = "Start execution" }).ClickAsync();
        var dialog = page.Locator("#start-dialog");
        await dialog.GetByLabel("Name").FillAsync("from-the-page");
        await dialog.GetByLabel("Input (JSON)").FillAsync("{\"release\": ");
        await Expect(dialog.Locator("#start-error")).ToContainTextAsync("not JSON");
        await dialog.GetByLabel("Input (JSON)").FillAsync("{\"release\": \"v2\"}");
        await Expect(dialog.Locator("#start-error")).ToHaveTextAsync(string.Empty);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start execution" }).ClickAsync();

        await Expect(page.Locator("#execution-title")).ToHaveTextAsync("from-the-page");
        await Expect(page.Locator("#execution-status")).ToHaveTextAsync("RUNNING");
        await host.Tokens.TokenOf("Wait for approval");
        var started = await host.Service.ListExecutionsAsync(new ListExecutionsInput { StateMachineArn = machine });
        Assert.That(started.Executions.Single().Name, Is.EqualTo("from-the-page"));
        var input = await host.Service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = started.Executions[0].ExecutionArn });
        Assert.That(input.Input, Does.Contain("\"v2\""));

        await page.GetByRole(AriaRole.Button, new() { Name = "Stop execution" }).ClickAsync();
        var confirm = page.Locator("#stop-dialog");
        await Expect(confirm).ToBeVisibleAsync();
        await Expect(confirm.Locator("#stop-text")).ToContainTextAsync("from-the-page");
        await confirm.GetByLabel("Cause").FillAsync("stopped by the browser test");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Stop execution" }).ClickAsync();

        await Expect(page.Locator("#execution-status")).ToHaveTextAsync("ABORTED", new() { Timeout = (float)Live.TotalMilliseconds });
        await Expect(Node(page, "Wait for approval")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bcancelled\\b"), new() { Timeout = (float)Live.TotalMilliseconds });
        var stopped = await host.Service.DescribeExecutionAsync(new DescribeExecutionInput { ExecutionArn = started.Executions[0].ExecutionArn });
        Assert.That((stopped.Status.Value, stopped.Cause), Is.EqualTo(("ABORTED", "stopped by the browser test")));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stop execution" })).ToBeHiddenAsync();
    }

    [Test]
    public async Task Works_from_the_keyboard_in_a_narrow_window()
    {
        await using var host = await DashboardHost.StartAsync();
        var machine = await host.CreateStateMachineAsync("Pipeline", Fixture("pipeline.asl.json"));
        var execution = await host.StartExecutionAsync(machine, "{}", "narrow");
        await host.WaitForEndAsync(execution);
        var page = await NewPageAsync(new ViewportSize { Width = 420, Height = 900 });

        await page.GotoAsync(new Uri(host.Endpoint, $"/#/executions/{Uri.EscapeDataString(execution)}").ToString());
        await Expect(page.Locator("#execution-status")).ToHaveTextAsync("FAILED");
        // Nothing runs past the window's right edge but the graph, which scrolls inside its own panel.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.That(overflow, Is.LessThanOrEqualTo(0), "the page itself does not scroll sideways");

        // Tab to the first state of the graph and open it with Enter.
        var first = Node(page, "Load configuration");
        for (var i = 0; i < 60 && !await first.EvaluateAsync<bool>("n => n.contains(document.activeElement)"); i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.That(await first.EvaluateAsync<bool>("n => n.contains(document.activeElement)"), Is.True, "the graph's states are reachable with Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#state-title")).ToHaveTextAsync("Load configuration");
        // Nothing serves the pipeline's first task here: States.Runtime, which no Catch handles (as on AWS), so it failed there.
        await Expect(page.Locator("#state-status")).ToHaveTextAsync("Failed");
        await Expect(page.Locator("#state-panel")).ToContainTextAsync("States.Runtime");
        await Screenshot(page, "dashboard-narrow.png", "The dashboard in a 420 px wide window");
    }

    [Test]
    public async Task Asks_for_the_printed_sign_in_link_when_the_API_requires_signatures()
    {
        await using var host = await DashboardHost.StartAsync(requireSignatures: true);
        await host.CreateStateMachineAsync("Approval", Fixture("approval.asl.json"));
        var page = await NewPageAsync();

        var response = await page.GotoAsync(host.Endpoint.ToString());
        Assert.That(response!.Status, Is.EqualTo(401));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "SageBuild dashboard" })).ToBeVisibleAsync();

        await page.GotoAsync(host.Server.DashboardUrl!.ToString());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Approval" }).First).ToBeVisibleAsync();
        Assert.That(page.Url, Does.Not.Contain("token"), "the token leaves the address bar");
        var cookie = (await page.Context.CookiesAsync()).Single();
        Assert.That((cookie.HttpOnly, cookie.SameSite), Is.EqualTo((true, SameSiteAttribute.Strict)), "scripts cannot read the session, other sites cannot send it");
    }

    [Test]
    public async Task Draws_the_pipeline_in_the_page_with_every_state_visible_and_none_covering_another()
    {
        await using var host = await DashboardHost.StartAsync();
        var machine = await host.CreateStateMachineAsync("Pipeline", Fixture("pipeline.asl.json"));
        var execution = await host.StartExecutionAsync(machine, "{}", "drawn");
        await host.WaitForEndAsync(execution);
        var page = await NewPageAsync(new ViewportSize { Width = 2000, Height = 1200 });

        await page.GotoAsync(new Uri(host.Endpoint, $"/#/executions/{Uri.EscapeDataString(execution)}").ToString());
        await Expect(Node(page, "Load configuration")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bfailed\\b"));
        await page.GetByRole(AriaRole.Button, new() { Name = "100 %" }).ClickAsync();
        var boxes = await page.EvaluateAsync<double[][]>("""
            () => [...document.querySelectorAll('g.node:not(.container) rect.box')].map(r => {
              const b = r.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom];
            })
            """);
        var names = await page.Locator("g.node").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.dataset.name)");
        Assert.That(names, Has.Length.EqualTo(40), "every state of the pipeline is drawn");
        for (var i = 0; i < boxes.Length; i++)
        {
            for (var j = i + 1; j < boxes.Length; j++)
            {
                var overlap = boxes[i][0] < boxes[j][2] && boxes[j][0] < boxes[i][2] && boxes[i][1] < boxes[j][3] && boxes[j][1] < boxes[i][3];
                Assert.That(overlap, Is.False, $"two drawn states overlap: {string.Join(",", boxes[i])} and {string.Join(",", boxes[j])}");
            }
        }

        // Long names are shortened to fit their box, never spilling over; the full name stays in the tooltip.
        var spilled = await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('g.node')].filter(n => {
              const text = n.querySelector('text.name').getBBox(), box = n.querySelector('rect.box').getBBox();
              return text.x + text.width > box.x + box.width + 0.5;
            }).length
            """);
        Assert.That(spilled, Is.Zero);
        // For the picture, let the panel grow to the whole drawing instead of scrolling it.
        await page.EvaluateAsync("() => { const panel = document.getElementById('graph'); panel.style.maxHeight = 'none'; panel.style.overflow = 'visible'; }");
        await page.Locator("#graph svg").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "dashboard-pipeline.png") });
        TestContext.AddTestAttachment(Path.Combine(TestContext.CurrentContext.WorkDirectory, "dashboard-pipeline.png"), "The 40-state pipeline's graph at 100 %");
    }

    [Test]
    public async Task Passes_the_axe_accessibility_rules_on_every_view()
    {
        await using var host = await DashboardHost.StartAsync();
        var machine = await host.CreateStateMachineAsync("Approval", Fixture("approval.asl.json"));
        var execution = await host.StartExecutionAsync(machine, "{}", "checked");
        var page = await NewPageAsync();

        await page.GotoAsync(host.Endpoint.ToString());
        await Expect(page.Locator($"tr[data-execution-arn=\"{execution}\"] .badge")).ToHaveTextAsync("RUNNING");
        var violations = new List<string>();
        await Check("executions");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start execution" }).ClickAsync();
        await Check("start dialog");
        await page.Keyboard.PressAsync("Escape");

        await page.GotoAsync(new Uri(host.Endpoint, $"/#/executions/{Uri.EscapeDataString(execution)}").ToString());
        await Expect(Node(page, "Wait for approval")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\binProgress\\b"));
        await Node(page, "Prepare").ClickAsync();
        await Check("execution graph");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Event history" }).ClickAsync();
        await Check("event history");
        Assert.That(violations, Is.Empty);

        async Task Check(string view)
        {
            var result = await Deque.AxeCore.Playwright.PageExtensions.RunAxe(page);
            violations.AddRange(result.Violations.Select(v => $"{view}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }
    }

    [Test]
    public async Task Says_so_when_there_is_nothing_to_show_or_the_address_names_nothing()
    {
        await using var host = await DashboardHost.StartAsync();
        var page = await NewPageAsync();

        await page.GotoAsync(host.Endpoint.ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No state machines yet" })).ToBeVisibleAsync();

        var missing = "arn:aws:states:us-east-1:123456789012:execution:Nothing:nobody";
        await page.GotoAsync(new Uri(host.Endpoint, $"/#/executions/{Uri.EscapeDataString(missing)}").ToString());
        await Expect(page.Locator(".load-error")).ToContainTextAsync("ExecutionDoesNotExist");
    }

    private async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        // A failing script is a failing page: report it with the test.
        page.PageError += (_, error) => TestContext.Out.WriteLine($"page error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                TestContext.Out.WriteLine($"console error: {message.Text}");
        };
        return page;
    }

    private static ILocator Node(IPage page, string name) =>
        page.Locator($"g.node[data-name=\"{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"]");

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static async Task Screenshot(IPage page, string name, string description)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, description);
    }

    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Engine", "Api", "Dashboard", "Fixtures", name));
}
