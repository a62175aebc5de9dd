using SageBuild.Engine.Execution;
using SageBuild.StateMachines.Model;

namespace SageBuild.Tests.Engine.Execution;

public sealed class RetryDelayTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(new Retrier { ErrorEquals = ["States.ALL"] }, 0, 1.0, 1.0).SetName("Defaults: 1 s at first");
        yield return new TestCaseData(new Retrier { ErrorEquals = ["States.ALL"] }, 2, 1.0, 4.0).SetName("Defaults: doubled per attempt");
        yield return new TestCaseData(new Retrier { ErrorEquals = ["X"], IntervalSeconds = 3, BackoffRate = 1.5 }, 2, 1.0, 6.75).SetName("Interval times backoff to the attempt");
        yield return new TestCaseData(new Retrier { ErrorEquals = ["X"], IntervalSeconds = 10, BackoffRate = 3, MaxDelaySeconds = 25 }, 3, 1.0, 25.0).SetName("Capped by MaxDelaySeconds");
        yield return new TestCaseData(new Retrier { ErrorEquals = ["X"], IntervalSeconds = 8, JitterStrategy = JitterStrategy.FULL }, 1, 0.25, 4.0).SetName("FULL jitter scales by the draw");
        yield return new TestCaseData(new Retrier { ErrorEquals = ["X"], IntervalSeconds = 8, JitterStrategy = JitterStrategy.NONE }, 1, 0.25, 16.0).SetName("No jitter ignores the draw");
    }

    [TestCaseSource(nameof(Cases))]
    public void The_retry_delay_follows_the_retrier(Retrier retrier, int attempt, double draw, double seconds) =>
        Assert.That(RetryPolicy.RetryDelay(retrier, attempt, () => draw), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
}
