using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Validation.Rules;

/// <summary>
/// The field combinations a per-field schema cannot express: fields that exclude each other
/// (Next and End, a value and its <c>…Path</c> form), fields of which exactly one must be present
/// (Wait's four forms, a Map's processor) and fields a state type may not carry (Assign on Succeed).
/// </summary>
internal sealed class FieldCombinationRule : IDefinitionRule
{
    public void Check(StateMachineDefinition definition, ICollection<DefinitionError> errors)
    {
        foreach (var location in DefinitionWalker.States(definition))
        {
            var report = new Reporter(location, errors);
            if (location.State is TransitionState transition)
                CheckTransition(transition, report);
            switch (location.State)
            {
                case WaitState wait:
                    CheckWait(wait, report);
                    break;
                case FailState fail:
                    report.AtMostOne("Error", fail.Error is not null, "ErrorPath", fail.ErrorPath is not null);
                    report.AtMostOne("Cause", fail.Cause is not null, "CausePath", fail.CausePath is not null);
                    break;
                case TaskState task:
                    report.AtMostOne("TimeoutSeconds", task.TimeoutSeconds is not null, "TimeoutSecondsPath", task.TimeoutSecondsPath is not null);
                    report.AtMostOne("HeartbeatSeconds", task.HeartbeatSeconds is not null, "HeartbeatSecondsPath", task.HeartbeatSecondsPath is not null);
                    break;
                case MapState map:
                    CheckMap(map, report);
                    break;
                case SucceedState { Assign: not null }:
                    report.Error(location.PointerTo("Assign"),
                        "a Succeed state cannot assign variables (only Fail and Succeed cannot): move the Assign to the state that transitions here");
                    break;
            }
        }
    }

    private static void CheckTransition(TransitionState state, Reporter report)
    {
        if (state.End && state.Next is not null)
        {
            report.Error(report.Location.PointerTo("End"),
                $"a {state.Type} state has either 'Next' or '\"End\": true', not both: remove 'End' to go on to \"{state.Next}\", or remove 'Next' to end here");
        }
        else if (!state.End && state.Next is null)
        {
            report.Error(report.Location.Pointer,
                $"a {state.Type} state needs 'Next' (the state to go to) or '\"End\": true' (to end its graph here)");
        }
    }

    private static void CheckWait(WaitState wait, Reporter report)
    {
        var present = new[]
        {
            ("Seconds", wait.Seconds is not null),
            ("SecondsPath", wait.SecondsPath is not null),
            ("Timestamp", wait.Timestamp is not null),
            ("TimestampPath", wait.TimestampPath is not null),
        }.Where(f => f.Item2).Select(f => f.Item1).ToArray();
        if (present.Length == 0)
        {
            report.Error(report.Location.Pointer, "a Wait state needs exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath' to say how long to wait");
        }
        else if (present.Length > 1)
        {
            report.Error(report.Location.PointerTo(present[1]),
                $"a Wait state has exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath', but this one has {string.Join(" and ", present.Select(p => $"'{p}'"))}: keep one");
        }
    }

    private static void CheckMap(MapState map, Reporter report)
    {
        var location = report.Location;
        if (map.ItemProcessor is null && map.Iterator is null)
            report.Error(location.Pointer, "a Map state needs an 'ItemProcessor' (StartAt and States) to run for each item");
        else if (map.ItemProcessor is not null && map.Iterator is not null)
            report.Error(location.PointerTo("Iterator"), "a Map state has an 'ItemProcessor' or the deprecated 'Iterator', not both: remove 'Iterator'");
        report.AtMostOne("Items", map.Items is not null, "ItemsPath", map.ItemsPath is not null);
        report.AtMostOne("ItemSelector", map.ItemSelector is not null, "Parameters", map.Parameters is not null,
            "'Parameters' is the deprecated name of 'ItemSelector' in a Map state");
        report.AtMostOne("MaxConcurrency", map.MaxConcurrency is not null, "MaxConcurrencyPath", map.MaxConcurrencyPath is not null);
        report.AtMostOne("ToleratedFailurePercentage", map.ToleratedFailurePercentage is not null,
            "ToleratedFailurePercentagePath", map.ToleratedFailurePercentagePath is not null);
        report.AtMostOne("ToleratedFailureCount", map.ToleratedFailureCount is not null, "ToleratedFailureCountPath", map.ToleratedFailureCountPath is not null);

        if (map.ItemBatcher is { } batcher)
        {
            var pointer = location.PointerTo("ItemBatcher");
            report.AtMostOne(pointer, "MaxItemsPerBatch", batcher.MaxItemsPerBatch is not null, "MaxItemsPerBatchPath", batcher.MaxItemsPerBatchPath is not null);
            report.AtMostOne(pointer, "MaxInputBytesPerBatch", batcher.MaxInputBytesPerBatch is not null,
                "MaxInputBytesPerBatchPath", batcher.MaxInputBytesPerBatchPath is not null);
            if (batcher.MaxItemsPerBatch is null && batcher.MaxItemsPerBatchPath is null && batcher.MaxInputBytesPerBatch is null && batcher.MaxInputBytesPerBatchPath is null)
            {
                report.Error(pointer,
                    "an ItemBatcher needs at least one of 'MaxItemsPerBatch', 'MaxItemsPerBatchPath', 'MaxInputBytesPerBatch' or 'MaxInputBytesPerBatchPath'");
            }
        }

        if (map.ItemReader?.ReaderConfig is { } config)
        {
            report.AtMostOne(JsonPointer.Append(location.PointerTo("ItemReader"), "ReaderConfig"),
                "MaxItems", config.ContainsKey("MaxItems"), "MaxItemsPath", config.ContainsKey("MaxItemsPath"));
        }
    }

    /// <summary>Collects errors for one state.</summary>
    private readonly struct Reporter(StateLocation location, ICollection<DefinitionError> errors)
    {
        public StateLocation Location => location;

        public void Error(string pointer, string message) =>
            errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.SchemaValidationFailed, message));

        public void AtMostOne(string first, bool hasFirst, string second, bool hasSecond, string why = "") =>
            AtMostOne(location.Pointer, first, hasFirst, second, hasSecond, why);

        public void AtMostOne(string objectPointer, string first, bool hasFirst, string second, bool hasSecond, string why = "")
        {
            if (hasFirst && hasSecond)
            {
                var fix = second == first + "Path"
                    ? $"give the value in '{first}' or a reference path to it in '{second}', not both"
                    : $"{why}; keep only one";
                Error(JsonPointer.Append(objectPointer, second), $"'{first}' and '{second}' exclude each other: {fix}");
            }
        }
    }
}
