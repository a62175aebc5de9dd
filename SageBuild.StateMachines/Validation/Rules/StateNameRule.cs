using System.Globalization;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Validation.Rules;

/// <summary>
/// State names are 1 to 80 characters long and unique across the whole definition, branches and item
/// processors included (the ASL specification's rule, which AWS enforces): history events and the console
/// identify a state by its name alone.
/// </summary>
internal sealed class StateNameRule : IDefinitionRule
{
    private const int MaxLength = 80;

    public void Check(StateMachineDefinition definition, ICollection<DefinitionError> errors)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var location in DefinitionWalker.States(definition))
        {
            var length = new StringInfo(location.Name).LengthInTextElements;
            if (length == 0 || length > MaxLength)
            {
                errors.Add(new DefinitionError(location.Pointer, DefinitionErrorCodes.InvalidStateName,
                    length == 0 ? "a state name cannot be empty" : $"the state name has {length} characters; at most {MaxLength} are allowed"));
            }

            if (!first.TryAdd(location.Name, location.Pointer))
            {
                errors.Add(new DefinitionError(location.Pointer, DefinitionErrorCodes.DuplicateStateName,
                    $"the name \"{location.Name}\" is already used at {first[location.Name]}: state names are unique across the whole definition, branches and item processors included; rename one of them"));
            }
        }
    }
}
