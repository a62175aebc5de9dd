using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>How Retry and Catch rules match error names.</summary>
internal static class ErrorMatcher
{
    /// <summary>
    /// An exact name matches itself. States.ALL matches every error except States.Runtime and States.DataLimitExceeded,
    /// which AWS documents as terminal: a rule must name them to match them.
    /// </summary>
    public static bool Matches(IReadOnlyList<string> errorEquals, string? error)
    {
        for (var i = 0; i < errorEquals.Count; i++)
        {
            var name = errorEquals[i];
            if (error is not null && string.Equals(name, error, StringComparison.Ordinal))
                return true;
            if (string.Equals(name, ErrorNames.All, StringComparison.Ordinal) && error is not ErrorNames.Runtime and not ErrorNames.DataLimitExceeded)
                return true;
        }

        return false;
    }
}
