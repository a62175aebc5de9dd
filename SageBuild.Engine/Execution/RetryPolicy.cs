using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>A state's Retry rules, prepared: tried in order, each with its own count of attempts.</summary>
internal sealed class RetryPolicy
{
    public static readonly RetryPolicy None = new([]);

    private readonly Retrier[] _retriers;

    private RetryPolicy(Retrier[] retriers) => _retriers = retriers;

    public bool IsEmpty => _retriers.Length == 0;

    public int Count => _retriers.Length;

    public static RetryPolicy From(ValueList<Retrier>? retriers) =>
        retriers is null || retriers.Count == 0 ? None : new RetryPolicy([.. retriers]);

    /// <summary>
    /// Whether <paramref name="failure"/> is retried: the first rule that matches decides, and once its MaxAttempts are
    /// spent the error is not retried (later rules are not consulted). <paramref name="attempts"/> holds each rule's count.
    /// </summary>
    public bool TryGetDelay(Failure failure, int[] attempts, Random random, out TimeSpan delay)
    {
        for (var i = 0; i < _retriers.Length; i++)
        {
            var retrier = _retriers[i];
            if (!ErrorMatcher.Matches(retrier.ErrorEquals, failure.Error))
                continue;
            var maxAttempts = retrier.MaxAttempts ?? Retrier.DefaultMaxAttempts;
            if (attempts[i] >= maxAttempts)
                break;
            delay = RetryDelay(retrier, attempts[i], random.NextDouble);
            attempts[i]++;
            return true;
        }

        delay = TimeSpan.Zero;
        return false;
    }

    /// <summary>
    /// The delay before retry number <paramref name="attempt"/> + 1 (0-based): IntervalSeconds × BackoffRate^attempt,
    /// capped by MaxDelaySeconds, then with FULL jitter a uniform draw between 0 and that value.
    /// </summary>
    internal static TimeSpan RetryDelay(Retrier retrier, int attempt, Func<double> random)
    {
        var interval = retrier.IntervalSeconds ?? Retrier.DefaultIntervalSeconds;
        var backoff = retrier.BackoffRate ?? Retrier.DefaultBackoffRate;
        var seconds = interval * Math.Pow(backoff, attempt);
        if (retrier.MaxDelaySeconds is { } cap)
            seconds = Math.Min(seconds, cap);
        if (retrier.JitterStrategy == JitterStrategy.FULL)
            seconds *= random();
        return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
    }
}
