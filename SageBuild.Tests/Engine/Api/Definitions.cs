namespace SageBuild.Tests.Engine.Api;

/// <summary>Definitions the protocol tests send.</summary>
internal static class Definitions
{
    public const string RoleArn = "arn:aws:iam::123456789012:role/sagebuild-test";

    public const string Pass = """{"StartAt":"Hello","States":{"Hello":{"Type":"Pass","End":true}}}""";

    /// <summary>Waits an hour: its executions stay RUNNING until a test stops them.</summary>
    public const string Hold = """{"StartAt":"Hold","States":{"Hold":{"Type":"Wait","Seconds":3600,"End":true}}}""";

    /// <summary>No <c>States</c>: AWS answers InvalidDefinition, SCHEMA_VALIDATION_FAILED.</summary>
    public const string MissingStates = """{"StartAt":"Hello"}""";

    public static string StateMachineArn(string name) => $"arn:aws:states:us-east-1:123456789012:stateMachine:{name}";
}
