namespace SageBuild.Functions.Configuration.Schema;

/// <summary>One key of a configuration object.</summary>
internal sealed record FieldSpec(string Name, ValueSpec Value, bool IsRequired = false);
