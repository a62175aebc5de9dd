namespace SageBuild.Functions.Configuration.Schema;

/// <summary>A configuration object: its keys, in the order they are documented. Unknown keys are errors (typos are caught).</summary>
internal sealed record ObjectSpec(string Description, IReadOnlyList<FieldSpec> Fields)
{
    public FieldSpec? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
}
