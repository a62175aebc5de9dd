namespace SageBuild.Engine.Stores;

/// <summary>How much an <see cref="ITokenStore"/> remembers.</summary>
public static class TokenStoreLimits
{
    /// <summary>How many retired task tokens are remembered (the most recent ones), so that storage stays bounded on a long-lived server.</summary>
    public const int MaxRetiredTaskTokens = 100_000;

    /// <summary>AWS answers a repeated RedriveExecution idempotently for the last 10 clientTokens that redrove the execution.</summary>
    public const int RememberedRedriveClientTokens = 10;

    /// <summary>… each for 15 minutes after its first use.</summary>
    public static readonly TimeSpan RedriveClientTokenLifetime = TimeSpan.FromMinutes(15);
}
