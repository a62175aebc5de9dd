namespace SageBuild.Tests.Infra;

/// <summary>The account, region and partition the mock harness's provider functions answer with (tools/pulumi-mocks/construct.js).</summary>
internal static class HarnessConstants
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";
    public const string Partition = "aws";
}
