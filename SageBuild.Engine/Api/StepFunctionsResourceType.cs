namespace SageBuild.Engine.Api;

/// <summary>The resource types of Step Functions ARNs, as the segment after the account spells them.</summary>
public enum StepFunctionsResourceType
{
    /// <summary><c>arn:aws:states:region:account:stateMachine:name[:version-or-alias]</c></summary>
    StateMachine,

    /// <summary><c>arn:aws:states:region:account:execution:stateMachineName:executionName</c></summary>
    Execution,

    /// <summary><c>arn:aws:states:region:account:express:stateMachineName:executionName:id</c></summary>
    Express,

    /// <summary><c>arn:aws:states:region:account:activity:name</c></summary>
    Activity,

    /// <summary><c>arn:aws:states:region:account:mapRun:stateMachineName/label:id</c></summary>
    MapRun,
}
