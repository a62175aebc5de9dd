using SageBuild.Engine.History;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Stores.Sqlite;

/// <summary>
/// An event's details in format 2 of <see cref="HistoryStepCodec"/>: a kind byte (0 for none; the event type alone does
/// not say, as ErrorEventDetails serve a dozen types), then the fields in a fixed order, packed
/// (<see cref="PackedWriter"/>). Data (inputs, outputs, parameters) stays JSON text, so numbers keep their literal text.
/// The kinds' numbers are stored: never renumber them.
/// </summary>
internal static class HistoryDetailsBinary
{
    private const byte None = 0, Started = 1, Output = 2, Error = 3, Entered = 4, Exited = 5, MapStarted = 6, MapIteration = 7,
        MapRunStarted = 8, TaskScheduled = 9, TaskStarted = 10, TaskOutput = 11, ResourceScheduled = 12,
        MapRunStartedWithFacts = 13; // a MapRunStarted with its MapRunFacts; kind 8 (without) still reads

    public static void Write(PackedWriter w, HistoryEventDetails? details)
    {
        switch (details)
        {
            case null:
                w.Byte(None);
                break;
            case ExecutionStartedEventDetails d:
                w.Byte(Started);
                w.Json(d.Input);
                w.Text(d.RoleArn);
                w.Text(d.DefinitionHash);
                break;
            case OutputEventDetails d:
                w.Byte(Output);
                w.Json(d.Output);
                break;
            case ErrorEventDetails d:
                w.Byte(Error);
                w.Text(d.Error);
                w.Text(d.Cause);
                w.Text(d.ResourceType);
                w.Text(d.Resource);
                break;
            case StateEnteredEventDetails d:
                w.Byte(Entered);
                w.Text(d.Name);
                w.Json(d.Input);
                break;
            case StateExitedEventDetails d:
                w.Byte(Exited);
                w.Text(d.Name);
                w.Json(d.Output);
                w.Json(d.AssignedVariables);
                break;
            case MapStateStartedEventDetails d:
                w.Byte(MapStarted);
                w.Signed(d.Length);
                break;
            case MapIterationEventDetails d:
                w.Byte(MapIteration);
                w.Text(d.Name);
                w.Signed(d.Index);
                break;
            case MapRunStartedEventDetails { Facts: null } d:
                w.Byte(MapRunStarted);
                w.Text(d.MapRunArn);
                break;
            case MapRunStartedEventDetails { Facts: { } facts } d:
                w.Byte(MapRunStartedWithFacts);
                w.Text(d.MapRunArn);
                w.Signed(facts.Settings.MaxConcurrency);
                w.Signed(facts.Settings.ToleratedFailureCount);
                w.Signed(BitConverter.DoubleToInt64Bits(facts.Settings.ToleratedFailurePercentage));
                w.Signed(facts.ItemCount);
                w.Byte(facts.WritesResults ? (byte)1 : (byte)0);
                break;
            case TaskScheduledEventDetails d:
                w.Byte(TaskScheduled);
                w.Text(d.ResourceType);
                w.Text(d.Resource);
                w.Text(d.Region);
                w.Json(d.Parameters);
                w.OptionalSigned(d.TimeoutInSeconds);
                w.OptionalSigned(d.HeartbeatInSeconds);
                break;
            case TaskStartedEventDetails d:
                w.Byte(TaskStarted);
                w.Text(d.ResourceType);
                w.Text(d.Resource);
                break;
            case TaskOutputEventDetails d:
                w.Byte(TaskOutput);
                w.Text(d.ResourceType);
                w.Text(d.Resource);
                w.Json(d.Output);
                break;
            case ResourceScheduledEventDetails d:
                w.Byte(ResourceScheduled);
                w.Text(d.Resource);
                w.Json(d.Input);
                w.OptionalSigned(d.TimeoutInSeconds);
                w.OptionalSigned(d.HeartbeatInSeconds);
                break;
            default:
                throw new ArgumentException($"the store cannot keep {details.GetType().Name}: add it to {nameof(HistoryDetailsBinary)}", nameof(details));
        }
    }

    /// <exception cref="FormatException">The bytes are not details this codec wrote.</exception>
    public static HistoryEventDetails? Read(ref PackedReader r)
    {
        var kind = r.Byte();
        return kind switch
        {
            None => null,
            Started => new ExecutionStartedEventDetails(r.Json()!, r.Text()!, r.Text()),
            Output => new OutputEventDetails(r.Json()!),
            Error => new ErrorEventDetails(r.Text(), r.Text(), r.Text(), r.Text()),
            Entered => new StateEnteredEventDetails(r.Text()!, r.Json()!),
            Exited => new StateExitedEventDetails(r.Text()!, r.Json()!, r.Json() as JsonObject),
            MapStarted => new MapStateStartedEventDetails((int)r.Signed()),
            MapIteration => new MapIterationEventDetails(r.Text()!, (int)r.Signed()),
            MapRunStarted => new MapRunStartedEventDetails(r.Text()!),
            MapRunStartedWithFacts => new MapRunStartedEventDetails(r.Text()!, new MapRunFacts(
                new Api.MapRunSettings((int)r.Signed(), r.Signed(), BitConverter.Int64BitsToDouble(r.Signed())), (int)r.Signed(), r.Byte() == 1)),
            TaskScheduled => new TaskScheduledEventDetails(r.Text()!, r.Text()!, r.Text()!, r.Json()!, r.OptionalSigned(), r.OptionalSigned()),
            TaskStarted => new TaskStartedEventDetails(r.Text()!, r.Text()!),
            TaskOutput => new TaskOutputEventDetails(r.Text()!, r.Text()!, r.Json()!),
            ResourceScheduled => new ResourceScheduledEventDetails(r.Text()!, r.Json()!, r.OptionalSigned(), r.OptionalSigned()),
            _ => throw new FormatException($"stored event details of an unknown kind {kind}"),
        };
    }
}
