namespace SageBuild.Engine.Jsonata;

/// <summary>Which JSONata an expression runs as.</summary>
public enum JsonataDialect
{
    /// <summary>
    /// As AWS Step Functions runs it: the JSONata 2.x library without <c>$eval</c>, plus <c>$partition $range $hash
    /// $random(seed) $uuid $parse</c>, with AWS's limits of 100 levels of nesting and 5 seconds per evaluation.
    /// </summary>
    StepFunctions,

    /// <summary>The JSONata 2.x language and library as the reference implementation documents them.</summary>
    Standard,
}
