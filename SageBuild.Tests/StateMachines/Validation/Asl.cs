using SageBuild.StateMachines.Validation;

namespace SageBuild.Tests.StateMachines.Validation;

/// <summary>Compact JSON fixtures for validation tests: single quotes stand for double quotes.</summary>
internal static class Asl
{
    /// <summary>The fixture as JSON.</summary>
    public static string Json(string singleQuoted) => singleQuoted.Replace('\'', '"');

    /// <summary>A definition whose top level holds <paramref name="states"/> and starts at "A".</summary>
    public static string Machine(string states) => Json($"{{'StartAt':'A','States':{{{states}}}}}");

    /// <summary>The validator's errors for a fixture.</summary>
    public static IReadOnlyList<DefinitionError> Errors(string singleQuotedDefinition) => DefinitionValidator.Validate(Json(singleQuotedDefinition));

    /// <summary>The errors as "pointer code" lines, for readable assertions.</summary>
    public static string[] Found(IReadOnlyList<DefinitionError> errors) => errors.Select(e => $"{e.Pointer} {e.Code}").ToArray();
}
