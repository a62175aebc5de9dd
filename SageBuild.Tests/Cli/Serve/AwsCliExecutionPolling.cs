using System.Text.Json;
using SageBuild.Tests.Engine.Api;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Cli.Serve;

/// <summary>Waits, through the AWS CLI, for what a callback execution under `serve` does next.</summary>
internal static class AwsCliExecutionPolling
{
    /// <summary>The token of the execution's n-th TaskScheduled (the SQS message of the n-th run of the callback task).</summary>
    public static async Task<string> TokenAsync(Func<string[], Task<ExternalProcess.Result>> aws, string execution, int n)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var scheduled = AwsCli.Json(await aws(["get-execution-history", "--execution-arn", execution])).GetProperty("events").EnumerateArray()
                .Where(e => e.GetProperty("type").GetString() == "TaskScheduled").ToList();
            if (scheduled.Count >= n)
            {
                using var parameters = JsonDocument.Parse(scheduled[n - 1].GetProperty("taskScheduledEventDetails").GetProperty("parameters").GetString()!);
                return parameters.RootElement.GetProperty("MessageBody").GetProperty("taskToken").GetString()!;
            }

            Assert.That(DateTimeOffset.UtcNow, Is.LessThan(deadline), $"no TaskScheduled number {n} within 30 s");
            await Task.Delay(100);
        }
    }

    /// <summary>The execution described once it is no longer RUNNING (or once <paramref name="patience"/>, default 30 s, has passed).</summary>
    public static async Task<JsonElement> EndedAsync(Func<string[], Task<ExternalProcess.Result>> aws, string execution, TimeSpan? patience = null)
    {
        var deadline = DateTimeOffset.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var described = AwsCli.Json(await aws(["describe-execution", "--execution-arn", execution]));
            if (described.GetProperty("status").GetString() != "RUNNING" || DateTimeOffset.UtcNow > deadline)
                return described;
            await Task.Delay(100);
        }
    }
}
