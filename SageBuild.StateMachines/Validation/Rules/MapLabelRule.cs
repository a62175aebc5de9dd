using System.Globalization;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Validation.Rules;

/// <summary>
/// A Map's Label becomes part of its Map Run ARNs, so it follows AWS's naming rules: at most 40 characters,
/// none of whitespace, brackets, wildcards, the special characters <c>" # % \ ^ | ~ ` $ &amp; , ; : /</c> or
/// control characters; and two Map states of one definition never share a Label.
/// </summary>
internal sealed class MapLabelRule : IDefinitionRule
{
    private const int MaxLength = 40;
    private const string Forbidden = "<>{}[]?*\"#%\\^|~`$&,;:/";

    public void Check(StateMachineDefinition definition, ICollection<DefinitionError> errors)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var location in DefinitionWalker.States(definition))
        {
            if (location.State is not MapState { Label: { } label })
                continue;
            var pointer = location.PointerTo("Label");
            var length = new StringInfo(label).LengthInTextElements;
            var bad = label.Where(c => char.IsWhiteSpace(c) || char.IsControl(c) || Forbidden.Contains(c, StringComparison.Ordinal)).Distinct().ToArray();
            if (length == 0 || length > MaxLength)
            {
                errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.InvalidLabelName,
                    $"a Label has 1 to {MaxLength} characters, not {length}"));
            }

            if (bad.Length > 0)
            {
                errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.InvalidLabelName,
                    $"a Label cannot contain whitespace, brackets, wildcards, control characters or any of \" # % \\ ^ | ~ ` $ & , ; : /; this one has {string.Join(" ", bad.Select(Show))}"));
            }

            if (!first.TryAdd(label, pointer))
            {
                errors.Add(new DefinitionError(pointer, DefinitionErrorCodes.DuplicateLabelName,
                    $"the Label \"{label}\" is already used at {first[label]}: each Map state's Label is unique in the definition"));
            }
        }
    }

    private static string Show(char c) => char.IsWhiteSpace(c) || char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
