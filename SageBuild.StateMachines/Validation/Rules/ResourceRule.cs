using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Validation.Rules;

/// <summary>Every Resource is an ARN Step Functions accepts there (see <see cref="ResourceArns"/>).</summary>
internal sealed class ResourceRule : IDefinitionRule
{
    public void Check(StateMachineDefinition definition, ICollection<DefinitionError> errors)
    {
        foreach (var location in DefinitionWalker.States(definition))
        {
            switch (location.State)
            {
                case TaskState task:
                    Report(location.PointerTo("Resource"), ResourceArns.TaskResourceProblem(task.Resource), errors);
                    break;
                case MapState map:
                    if (map.ItemReader is { } reader)
                        Report(JsonPointer.Append(location.PointerTo("ItemReader"), "Resource"), ResourceArns.ItemReaderProblem(reader.Resource), errors);
                    if (map.ResultWriter?.Resource is { } writer)
                        Report(JsonPointer.Append(location.PointerTo("ResultWriter"), "Resource"), ResourceArns.ResultWriterProblem(writer), errors);
                    break;
            }
        }
    }

    private static void Report(string pointer, string? problem, ICollection<DefinitionError> errors)
    {
        if (problem is not null)
            errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.InvalidArn, problem));
    }
}
