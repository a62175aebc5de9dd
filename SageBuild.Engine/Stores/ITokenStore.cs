namespace SageBuild.Engine.Stores;

/// <summary>
/// What the engine and its API remember about tokens once the work they named has ended, so that a late or repeated
/// call is answered as AWS answers it: task tokens whose task no longer waits (a callback for one is TaskTimedOut, not
/// TaskDoesNotExist), and the clientTokens that redrove an execution (a repeated one gets the first answer instead of
/// a second redrive). A durable store keeps both across a restart. Implementations must be safe for concurrent use.
/// </summary>
/// <remarks>
/// Bounded, as AWS's own memory of them is: the most recent <see cref="TokenStoreLimits.MaxRetiredTaskTokens"/> retired
/// task tokens; per execution the last <see cref="TokenStoreLimits.RememberedRedriveClientTokens"/> clientTokens, each
/// for <see cref="TokenStoreLimits.RedriveClientTokenLifetime"/> after its first use. Calls are synchronous: each is
/// stored (durably, for a durable store) when it returns.
/// </remarks>
public interface ITokenStore
{
    /// <summary>
    /// Remembers that the task given <paramref name="taskToken"/> no longer waits (timed out, answered, or its execution
    /// ended), and forgets its heartbeat (<see cref="RecordHeartbeat"/>).
    /// </summary>
    void RetireTaskToken(string taskToken);

    /// <summary>
    /// Remembers that the task waiting for <paramref name="taskToken"/> sent a heartbeat at <paramref name="at"/> (on its
    /// execution's clock, as its history's timestamps), in place of its earlier one. Kept until the token is retired.
    /// </summary>
    void RecordHeartbeat(string taskToken, DateTimeOffset at);

    /// <summary>The time of the last heartbeat recorded for <paramref name="taskToken"/> (not retired since), or null.</summary>
    DateTimeOffset? FindHeartbeat(string taskToken);

    /// <summary>Whether <paramref name="taskToken"/> is a remembered retired task token.</summary>
    bool IsTaskTokenRetired(string taskToken);

    /// <summary>Remembers that <paramref name="clientToken"/> redrove the execution at <paramref name="usedAt"/>, and the redrive's date.</summary>
    void RememberRedrive(string executionArn, string clientToken, DateTimeOffset usedAt, DateTimeOffset redriveDate);

    /// <summary>
    /// The date of the redrive that <paramref name="clientToken"/> made of the execution, when it is one of the last
    /// clientTokens that redrove it and was first used no longer than the lifetime before <paramref name="now"/>; else null.
    /// </summary>
    DateTimeOffset? FindRedrive(string executionArn, string clientToken, DateTimeOffset now);
}
