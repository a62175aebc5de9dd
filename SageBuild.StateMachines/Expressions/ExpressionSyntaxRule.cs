using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Expressions;

/// <summary>
/// Checks the syntax of every JSONPath expression in JSONPath states: paths, reference paths, payload templates
/// (keys ending in <c>.$</c>) and intrinsic functions. JSONata states are left to the JSONata rules.
/// </summary>
internal sealed class ExpressionSyntaxRule : IDefinitionRule
{
    /// <inheritdoc />
    public void Check(StateMachineDefinition definition, ICollection<DefinitionError> errors)
    {
        foreach (var location in DefinitionWalker.States(definition))
        {
            if (location.QueryLanguage == QueryLanguage.JSONPath)
                CheckState(location, new ExpressionChecker(errors));
        }
    }

    private static void CheckState(StateLocation at, ExpressionChecker check)
    {
        var state = at.State;
        if (state is DataFlowState flow)
        {
            check.Path(flow.InputPath?.Path, at.PointerTo("InputPath"), "InputPath");
            check.Path(flow.OutputPath?.Path, at.PointerTo("OutputPath"), "OutputPath");
            check.Template(flow.Assign, at.PointerTo("Assign"));
        }

        switch (state)
        {
            case PassState pass:
                check.Template(pass.Parameters, at.PointerTo("Parameters"));
                check.ResultPath(pass.ResultPath?.Path, at.PointerTo("ResultPath"));
                break;
            case TaskState task:
                CheckRetryable(task, at, check);
                check.ReferencePath(task.TimeoutSecondsPath, at.PointerTo("TimeoutSecondsPath"), "TimeoutSecondsPath");
                check.ReferencePath(task.HeartbeatSecondsPath, at.PointerTo("HeartbeatSecondsPath"), "HeartbeatSecondsPath");
                check.Template(task.Credentials, at.PointerTo("Credentials"));
                break;
            case ParallelState parallel:
                CheckRetryable(parallel, at, check);
                break;
            case MapState map:
                CheckRetryable(map, at, check);
                CheckMap(map, at, check);
                break;
            case WaitState wait:
                check.ReferencePath(wait.SecondsPath, at.PointerTo("SecondsPath"), "SecondsPath");
                check.ReferencePath(wait.TimestampPath, at.PointerTo("TimestampPath"), "TimestampPath");
                break;
            case FailState fail:
                check.ReferencePathOrIntrinsic(fail.ErrorPath, at.PointerTo("ErrorPath"), "ErrorPath");
                check.ReferencePathOrIntrinsic(fail.CausePath, at.PointerTo("CausePath"), "CausePath");
                break;
            case ChoiceState choice:
                for (var i = 0; i < choice.Choices.Count; i++)
                {
                    var pointer = JsonPointer.Append(at.PointerTo("Choices"), i);
                    CheckCondition(choice.Choices[i].Condition, pointer, check);
                    check.Template(choice.Choices[i].Assign, JsonPointer.Append(pointer, "Assign"));
                }

                break;
        }
    }

    private static void CheckRetryable(RetryableState state, StateLocation at, ExpressionChecker check)
    {
        check.Template(state.Parameters, at.PointerTo("Parameters"));
        check.Template(state.ResultSelector, at.PointerTo("ResultSelector"));
        check.ResultPath(state.ResultPath?.Path, at.PointerTo("ResultPath"));
        if (state.Catch is not { } catchers)
            return;
        for (var i = 0; i < catchers.Count; i++)
        {
            var pointer = JsonPointer.Append(at.PointerTo("Catch"), i);
            check.ResultPath(catchers[i].ResultPath?.Path, JsonPointer.Append(pointer, "ResultPath"));
            check.Template(catchers[i].Assign, JsonPointer.Append(pointer, "Assign"));
        }
    }

    private static void CheckMap(MapState map, StateLocation at, ExpressionChecker check)
    {
        check.ReferencePath(map.ItemsPath, at.PointerTo("ItemsPath"), "ItemsPath");
        check.Template(map.ItemSelector, at.PointerTo("ItemSelector"));
        check.ReferencePath(map.MaxConcurrencyPath, at.PointerTo("MaxConcurrencyPath"), "MaxConcurrencyPath");
        check.ReferencePath(map.ToleratedFailureCountPath, at.PointerTo("ToleratedFailureCountPath"), "ToleratedFailureCountPath");
        check.ReferencePath(map.ToleratedFailurePercentagePath, at.PointerTo("ToleratedFailurePercentagePath"), "ToleratedFailurePercentagePath");
        if (map.ItemReader is { } reader)
        {
            var pointer = at.PointerTo("ItemReader");
            check.Template(reader.Parameters, JsonPointer.Append(pointer, "Parameters"));
            if (reader.ReaderConfig is { } config && config.TryGetValue("MaxItemsPath", out var maxItems) && maxItems is JsonString path)
                check.ReferencePath(path.Value, JsonPointer.Append(JsonPointer.Append(pointer, "ReaderConfig"), "MaxItemsPath"), "MaxItemsPath");
        }

        if (map.ItemBatcher is { } batcher)
        {
            var pointer = at.PointerTo("ItemBatcher");
            check.ReferencePath(batcher.MaxItemsPerBatchPath, JsonPointer.Append(pointer, "MaxItemsPerBatchPath"), "MaxItemsPerBatchPath");
            check.ReferencePath(batcher.MaxInputBytesPerBatchPath, JsonPointer.Append(pointer, "MaxInputBytesPerBatchPath"), "MaxInputBytesPerBatchPath");
            check.Template(batcher.BatchInput, JsonPointer.Append(pointer, "BatchInput"));
        }

        if (map.ResultWriter is { } writer)
            check.Template(writer.Parameters, JsonPointer.Append(at.PointerTo("ResultWriter"), "Parameters"));
    }

    private static void CheckCondition(Condition condition, string pointer, ExpressionChecker check)
    {
        switch (condition)
        {
            case ComparisonCondition comparison:
                check.ReferencePath(comparison.Variable, JsonPointer.Append(pointer, "Variable"), "Variable");
                if (comparison.Operator.IsPathOperator() && comparison.Value is JsonString path)
                {
                    var name = comparison.Operator.ToString();
                    check.ReferencePath(path.Value, JsonPointer.Append(pointer, name), name);
                }

                break;
            case AndCondition and:
                for (var i = 0; i < and.Operands.Count; i++)
                    CheckCondition(and.Operands[i], JsonPointer.Append(JsonPointer.Append(pointer, "And"), i), check);
                break;
            case OrCondition or:
                for (var i = 0; i < or.Operands.Count; i++)
                    CheckCondition(or.Operands[i], JsonPointer.Append(JsonPointer.Append(pointer, "Or"), i), check);
                break;
            case NotCondition not:
                CheckCondition(not.Operand, JsonPointer.Append(pointer, "Not"), check);
                break;
        }
    }
}
