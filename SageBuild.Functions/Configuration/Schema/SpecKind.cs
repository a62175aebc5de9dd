namespace SageBuild.Functions.Configuration.Schema;

/// <summary>The JSON kinds a configuration value can take.</summary>
internal enum SpecKind
{
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,

    /// <summary>An object whose keys are free and whose values share one spec (hyperparameters, tags, environment).</summary>
    Map,

    /// <summary>A scalar written as a string, number or boolean, read as its string form (hyperparameter values).</summary>
    Scalar,

    /// <summary>Any JSON object, not checked further.</summary>
    FreeObject,
}
