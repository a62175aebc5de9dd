using SageBuild.Local.Processes;
using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Build;

/// <summary>The parts of CodeBuild's StartBuild request that a local build honours.</summary>
internal sealed record StartBuildRequest(
    string ProjectName,
    string? SourceVersion,
    string? SourceLocationOverride,
    string? BuildspecOverride,
    IReadOnlyList<KeyValuePair<string, string>> EnvironmentVariablesOverride,
    int? TimeoutInMinutesOverride,
    string? IdempotencyToken)
{
    public static StartBuildRequest Parse(JsonValue parameters)
    {
        var reader = new ShapeReader(parameters, "");
        var project = reader.RequiredString("ProjectName");
        if (project.Length is 0 or > 255 || !char.IsAsciiLetterOrDigit(project[0]) || project.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_')))
            throw ServiceException.Invalid($"ProjectName '{project}' is not a valid project name (letters, digits, '-' and '_', starting with a letter or digit)");

        var variables = new List<KeyValuePair<string, string>>();
        foreach (var variable in reader.ObjectList("EnvironmentVariablesOverride"))
        {
            var name = variable.RequiredString("Name");
            if (!ShellQuoting.IsVariableName(name))
                throw ServiceException.Invalid($"{variable.Path("Name")} '{name}' is not a valid environment variable name");
            var type = variable.OptionalString("Type") ?? "PLAINTEXT";
            if (type != "PLAINTEXT")
                throw ServiceException.Invalid($"{variable.Path("Type")} '{type}' is not supported by local builds; pass the value as PLAINTEXT");
            variables.Add(KeyValuePair.Create(name, variable.RequiredString("Value")));
        }

        return new StartBuildRequest(
            project,
            reader.OptionalString("SourceVersion"),
            reader.OptionalString("SourceLocationOverride"),
            reader.OptionalString("BuildspecOverride"),
            variables,
            (int?)reader.OptionalInteger("TimeoutInMinutesOverride", 5, 2160),
            reader.OptionalString("IdempotencyToken"));
    }
}
