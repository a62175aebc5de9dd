using Microsoft.Extensions.Logging.Abstractions;
using SageBuild.Engine.Api.Dashboard;
using SageBuild.Engine.Api.Model;
using SageBuild.Engine.Api.Server;

namespace SageBuild.Tests.Engine.Api.Dashboard;

/// <summary>Live updates: the event stream a page listens to, and the watcher that feeds it when no engine does.</summary>
public sealed class ExecutionEventsTests
{
    private const string Definition = """{"StartAt":"Done","States":{"Done":{"Type":"Succeed"}}}""";

    [Test]
    public async Task The_stream_announces_an_execution_that_starts()
    {
        await using var host = await DashboardHost.StartAsync();
        var machine = await host.CreateStateMachineAsync("Quick", Definition);
        using var http = new HttpClient { BaseAddress = host.Endpoint, Timeout = Timeout.InfiniteTimeSpan };
        using var response = await http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.That(await NextEventAsync(reader), Does.StartWith("event: ready"));

        var execution = await host.StartExecutionAsync(machine);
        var announced = await NextEventAsync(reader);
        Assert.That(announced, Does.StartWith("event: execution"));
        Assert.That(announced, Does.Contain($"\"executionArn\":\"{execution}\"").And.Contain($"\"stateMachineArn\":\"{machine}\""));
    }

    [Test]
    public async Task The_stream_forwards_the_changes_an_engine_reports_itself()
    {
        var changes = new ManualChanges();
        await using var server = await StepFunctionsServer.StartAsync(EngineServices.Fresh(), new StepFunctionsServerOptions
        {
            Port = 0,
            Dashboard = new DashboardOptions { Changes = changes },
        });
        using var http = new HttpClient { BaseAddress = server.Endpoint, Timeout = Timeout.InfiniteTimeSpan };
        using var response = await http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.That(await NextEventAsync(reader), Does.StartWith("event: ready"));

        changes.Publish(new ExecutionChange("arn:aws:states:us-east-1:123456789012:execution:M:\"quoted\"\nname", "arn:aws:states:us-east-1:123456789012:stateMachine:M"));
        var announced = await NextEventAsync(reader);
        // The data stays one line whatever the names hold: the JSON escapes the quote and the newline.
        Assert.That(announced, Is.EqualTo("event: execution\ndata: {\"executionArn\":\"arn:aws:states:us-east-1:123456789012:execution:M:\\u0022quoted\\u0022\\nname\",\"stateMachineArn\":\"arn:aws:states:us-east-1:123456789012:stateMachine:M\"}"));
    }

    [Test]
    public async Task The_stream_ends_when_the_server_stops()
    {
        var server = await StepFunctionsServer.StartAsync(EngineServices.Fresh(), new StepFunctionsServerOptions { Port = 0 });
        using var http = new HttpClient { BaseAddress = server.Endpoint, Timeout = Timeout.InfiniteTimeSpan };
        using var response = await http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        await NextEventAsync(reader);

        // Were the stream kept open, the server could not stop: these waits would time out (hang guards, not timings).
        var stopping = server.DisposeAsync().AsTask();
        await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.That(stopping.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    public async Task The_watcher_reports_new_further_and_ended_executions()
    {
        var service = EngineServices.Fresh();
        var machine = (await service.CreateStateMachineAsync(new CreateStateMachineInput { Name = "M", Definition = Definitions.Hold, RoleArn = "arn:aws:iam::123456789012:role/r" })).StateMachineArn;
        var before = (await service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = machine, Name = "before" })).ExecutionArn;
        await WaitingAsync(service, before);
        var watcher = new ExecutionWatcher(service, TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger.Instance);

        var first = await watcher.ReadAsync(CancellationToken.None);
        var started = (await service.StartExecutionAsync(new StartExecutionInput { StateMachineArn = machine, Name = "new" })).ExecutionArn;
        await WaitingAsync(service, started);
        var second = await watcher.ReadAsync(CancellationToken.None);
        await service.StopExecutionAsync(new StopExecutionInput { ExecutionArn = before });
        var third = await watcher.ReadAsync(CancellationToken.None);
        var fourth = await watcher.ReadAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(ExecutionWatcher.Differences(first, second), Is.EqualTo(new[] { new ExecutionChange(started, machine) }));
            Assert.That(ExecutionWatcher.Differences(second, third), Is.EqualTo(new[] { new ExecutionChange(before, machine) }), "an ended execution is news");
            Assert.That(ExecutionWatcher.Differences(third, fourth), Is.Empty, "nothing else changed");
            Assert.That(first[before].Status, Is.EqualTo("RUNNING"));
            Assert.That(first[before].LastEventId, Is.EqualTo(2), "a running execution's latest event (its WaitStateEntered) is watched");
        });
    }

    [Test]
    public void The_watcher_polls_only_while_someone_watches()
    {
        var watcher = new ExecutionWatcher(EngineServices.Fresh(), TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger.Instance);
        Assert.That(watcher.IsPolling, Is.False);
        var first = watcher.Subscribe(new ChangeLog());
        var second = watcher.Subscribe(new ChangeLog());
        Assert.That(watcher.IsPolling, Is.True);
        first.Dispose();
        Assert.That(watcher.IsPolling, Is.True, "one page is still open");
        second.Dispose();
        second.Dispose();
        Assert.That(watcher.IsPolling, Is.False, "no page open, no polling");
    }

    // StartExecution answers once ExecutionStarted is stored; the execution reaches its Wait a moment later, on its own.
    // Reading the watcher before then would see that step as a change of its own.
    private static async Task WaitingAsync(SageBuild.Engine.Api.Service.EngineStepFunctionsService service, string executionArn)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await service.GetExecutionHistoryAsync(new GetExecutionHistoryInput { ExecutionArn = executionArn })).Events.All(e => e.Type != HistoryEventType.WaitStateEntered))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"{executionArn} did not reach its Wait state");
            await Task.Delay(5);
        }
    }

    private static async Task<string> NextEventAsync(StreamReader reader)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15));
            if (line is null)
                return string.Join("\n", lines);
            if (line.Length == 0)
            {
                if (lines.Count > 0)
                    return string.Join("\n", lines.Where(l => !l.StartsWith("retry:", StringComparison.Ordinal)));
                continue;
            }

            if (!line.StartsWith(':'))
                lines.Add(line);
        }
    }

    private sealed class ManualChanges : IObservable<ExecutionChange>
    {
        private readonly List<IObserver<ExecutionChange>> _observers = [];

        public IDisposable Subscribe(IObserver<ExecutionChange> observer)
        {
            lock (_observers)
                _observers.Add(observer);
            return new Unsubscriber(() =>
            {
                lock (_observers)
                    _observers.Remove(observer);
            });
        }

        public void Publish(ExecutionChange change)
        {
            IObserver<ExecutionChange>[] observers;
            lock (_observers)
                observers = [.. _observers];
            foreach (var observer in observers)
                observer.OnNext(change);
        }

        private sealed class Unsubscriber(Action dispose) : IDisposable
        {
            public void Dispose() => dispose();
        }
    }

    private sealed class ChangeLog : IObserver<ExecutionChange>
    {
        private readonly System.Threading.Channels.Channel<ExecutionChange> _changes = System.Threading.Channels.Channel.CreateUnbounded<ExecutionChange>();

        public int Count => _changes.Reader.Count;

        public async Task<ExecutionChange> NextAsync() => await _changes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        public void OnNext(ExecutionChange value) => _changes.Writer.TryWrite(value);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
