namespace SageBuild.Local.Scheduling;

/// <summary>The unit of a <c>rate(...)</c> expression.</summary>
public enum RateUnit
{
    /// <summary><c>minute</c> / <c>minutes</c>.</summary>
    Minute,

    /// <summary><c>hour</c> / <c>hours</c>.</summary>
    Hour,

    /// <summary><c>day</c> / <c>days</c>.</summary>
    Day,
}
