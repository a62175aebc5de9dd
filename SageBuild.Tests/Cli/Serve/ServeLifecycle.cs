using System.Text.Json;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Cli.Serve;

/// <summary>The definitions and names every client's lifecycle test uses against <c>sagebuild serve</c>.</summary>
internal static class ServeLifecycle
{
    public const string RoleArn = "arn:aws:iam::123456789012:role/sagebuild-serve-test";

    /// <summary>Waits a second, then succeeds with <c>{"echo": input, "done": true}</c>.</summary>
    public static string Quick => Fixture("quick.asl.json");

    /// <summary>Waits an hour: runs until stopped.</summary>
    public static string Hold => Fixture("hold.asl.json");

    /// <summary>An <c>sqs:sendMessage.waitForTaskToken</c> task: runs until SendTaskSuccess with its token.</summary>
    public static string Approval => Fixture("approval.asl.json");

    /// <summary>Not a definition AWS accepts: a state without a Type.</summary>
    public const string Broken = """{"StartAt":"Nowhere","States":{"Nowhere":{"End":true}}}""";

    public static string StateMachineArn(string name) => $"arn:aws:states:us-east-1:123456789012:stateMachine:{name}";

    public static string ExecutionArn(string machine, string name) => $"arn:aws:states:us-east-1:123456789012:execution:{machine}:{name}";

    /// <summary>The task token in the history's TaskScheduled event (the SQS message the callback task sent).</summary>
    public static string TaskTokenIn(JsonElement history)
    {
        var scheduled = history.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "TaskScheduled");
        using var parameters = JsonDocument.Parse(scheduled.GetProperty("taskScheduledEventDetails").GetProperty("parameters").GetString()!);
        return parameters.RootElement.GetProperty("MessageBody").GetProperty("taskToken").GetString()!;
    }

    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "SageBuild.Tests", "Cli", "Serve", "Fixtures", name));
}
