using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Validation;

namespace SageBuild.StateMachines.Builders;

/// <summary>Renders the fields that data-flow states share, reporting fields that the state's language does not have.</summary>
internal static class FlowRendering
{
    public static T Apply<T>(T state, StateOptions options, StateRenderContext context)
        where T : DataFlowState
    {
        context.RequireLanguage(options.InputPath is not null, "InputPath", Model.QueryLanguage.JSONPath, "a JSONata state reads its input with $states.input in Arguments");
        context.RequireLanguage(options.OutputPath is not null, "OutputPath", Model.QueryLanguage.JSONPath, "a JSONata state shapes its output with Output");
        context.RequireLanguage(options.Output is not null, "Output", Model.QueryLanguage.JSONata, "a JSONPath state shapes its output with ResultSelector, ResultPath and OutputPath");
        return state with
        {
            Comment = options.Comment,
            QueryLanguage = options.QueryLanguage,
            InputPath = options.InputPath,
            OutputPath = options.OutputPath,
            Output = context.Render(options.Output, "Output"),
            Assign = context.RenderObject(options.Assign, "Assign"),
        };
    }

    public static T Transition<T>(T state, StateNode? next)
        where T : TransitionState => next is null ? state with { End = true } : state with { Next = next.Name };

    public static NullablePath? ResultPath(NullablePath? path, StateRenderContext context, string field = "ResultPath")
    {
        context.RequireLanguage(path is not null, field, Model.QueryLanguage.JSONPath, "a JSONata state combines input and result in Output");
        return path;
    }

    /// <summary>Checks a list of ErrorEquals: not empty, and States.ALL alone and in the last rule.</summary>
    public static void CheckErrorEquals(IReadOnlyList<string> errors, bool isLast, string pointer, string rule, ICollection<DefinitionError> report)
    {
        var field = JsonPointer.Append(pointer, "ErrorEquals");
        if (errors.Count == 0)
        {
            report.Add(new DefinitionError(field, DefinitionErrorCodes.SchemaValidationFailed, $"a {rule} needs at least one error name in ErrorEquals"));
            return;
        }

        if (errors.Any(string.IsNullOrWhiteSpace))
            report.Add(new DefinitionError(field, DefinitionErrorCodes.SchemaValidationFailed, $"a {rule}'s ErrorEquals holds an empty error name"));
        if (errors.Contains(ErrorNames.All) && (errors.Count > 1 || !isLast))
            report.Add(new DefinitionError(field, DefinitionErrorCodes.InvalidErrorHandling, $"\"{ErrorNames.All}\" must be alone and in the last {rule}"));
    }
}
