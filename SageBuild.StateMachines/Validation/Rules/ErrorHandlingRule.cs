using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Validation.Rules;

/// <summary>
/// Retry and Catch rules that can take effect: each ErrorEquals names at least one error, and the wildcard
/// <c>States.ALL</c> stands alone in the last Retrier or Catcher (anything after it could never match).
/// </summary>
internal sealed class ErrorHandlingRule : IDefinitionRule
{
    public void Check(StateMachineDefinition definition, ICollection<DefinitionError> errors)
    {
        foreach (var location in DefinitionWalker.States(definition))
        {
            if (location.State is not RetryableState state)
                continue;
            if (state.Retry is { } retry)
                CheckRules(retry.Select(r => r.ErrorEquals).ToArray(), location.PointerTo("Retry"), "Retrier", errors);
            if (state.Catch is { } @catch)
                CheckRules(@catch.Select(c => c.ErrorEquals).ToArray(), location.PointerTo("Catch"), "Catcher", errors);
        }
    }

    private static void CheckRules(ValueList<string>[] rules, string pointer, string kind, ICollection<DefinitionError> errors)
    {
        for (var i = 0; i < rules.Length; i++)
        {
            var errorEquals = JsonPointer.Append(JsonPointer.Append(pointer, i), "ErrorEquals");
            var names = rules[i];
            if (names.Count == 0)
            {
                Add(errors, errorEquals, $"a {kind}'s ErrorEquals names at least one error; use [\"{ErrorNames.All}\"] to match any error");
                continue;
            }

            if (!names.Contains(ErrorNames.All, StringComparer.Ordinal))
                continue;
            if (names.Count > 1)
            {
                Add(errors, errorEquals,
                    $"\"{ErrorNames.All}\" matches every error, so it must stand alone in ErrorEquals: move the other names ({string.Join(", ", names.Where(n => n != ErrorNames.All).Select(n => $"\"{n}\""))}) to a {kind} before this one");
            }

            if (i < rules.Length - 1)
            {
                Add(errors, errorEquals,
                    $"\"{ErrorNames.All}\" must be in the last {kind}: the {kind}s after it ({pointer}/{i + 1}…) could never match; move this {kind} to the end");
            }
        }
    }

    private static void Add(ICollection<DefinitionError> errors, string pointer, string message) =>
        errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.InvalidErrorHandling, message));
}
