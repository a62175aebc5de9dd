namespace SageBuild.StateMachines.Model;

/// <summary>The language of a state's expressions; the members are named exactly as ASL spells them.</summary>
#pragma warning disable CA1707 // ASL's own spelling
public enum QueryLanguage
{
    /// <summary>Paths, payload templates and intrinsic functions.</summary>
    JSONPath,

    /// <summary><c>{% ... %}</c> JSONata expressions with the <c>$states</c> variable.</summary>
    JSONata,
}
#pragma warning restore CA1707
