using BenchmarkDotNet.Attributes;
using SageBuild.Engine.History;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.StateMachines.Json;

namespace SageBuild.Benchmarks.Stores;

/// <summary>
/// Packing one execution's history for the durable store (<see cref="HistoryStepCodec"/>): the history of bench
/// workload (d), a Parallel of 100 Pass branches, about 200 events. The store packs every step of every durable
/// execution, on the engine's thread at its barrier.
/// </summary>
[MemoryDiagnoser]
public class HistoryEncodingBenchmarks : IDisposable
{
    private readonly HistoryStepCodec _codec = new();
    private HistoryEvent[][] _steps = [];

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
        var input = JsonObject.Empty;
        var events = new List<HistoryEvent>
        {
            new(1, 0, start, HistoryEventType.ExecutionStarted, new ExecutionStartedEventDetails(input, "arn:aws:iam::123456789012:role/R", "0123456789abcdef0123456789abcdef")),
            new(2, 1, start, HistoryEventType.ParallelStateEntered, new StateEnteredEventDetails("Fan", input)),
            new(3, 2, start, HistoryEventType.ParallelStateStarted, null),
        };
        for (var i = 0; i < 100; i++)
        {
            var frame = new FrameKey(3, i);
            events.Add(new HistoryEvent(events.Count + 1, 3, start.AddTicks(i), HistoryEventType.PassStateEntered, new StateEnteredEventDetails($"Branch{i}", input)) { Frame = frame });
            events.Add(new HistoryEvent(events.Count + 1, events.Count, start.AddTicks(i + 1), HistoryEventType.PassStateExited, new StateExitedEventDetails($"Branch{i}", JsonNumber.From(i), null)) { Frame = frame });
        }

        _steps = [.. events.Chunk(2)];
    }

    [Benchmark]
    public int Encode() => _codec.Encode(_steps).Length;

    public void Dispose()
    {
        _codec.Dispose();
        GC.SuppressFinalize(this);
    }
}
