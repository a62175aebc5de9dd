namespace SageBuild.StateMachines.Tasks;

/// <summary>The documented defaults of <see cref="TaskStateOptions"/>.</summary>
internal static class TaskStateDefaults
{
    /// <summary>Tasks call and go on unless told to wait.</summary>
    public const IntegrationPattern IntegrationPattern = Tasks.IntegrationPattern.RequestResponse;
}
