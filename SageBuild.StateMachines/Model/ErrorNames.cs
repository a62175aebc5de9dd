namespace SageBuild.StateMachines.Model;

/// <summary>The predefined error names of the Amazon States Language.</summary>
public static class ErrorNames
{
    /// <summary>Matches any error but States.DataLimitExceeded and States.Runtime in a Retrier, and any error in a Catcher.</summary>
    public const string All = "States.ALL";
    public const string TaskFailed = "States.TaskFailed";
    public const string Permissions = "States.Permissions";
    public const string Runtime = "States.Runtime";
    public const string Timeout = "States.Timeout";
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";
    public const string DataLimitExceeded = "States.DataLimitExceeded";
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";
    public const string ParameterPathFailure = "States.ParameterPathFailure";
    public const string IntrinsicFailure = "States.IntrinsicFailure";
    public const string BranchFailed = "States.BranchFailed";
    public const string NoChoiceMatched = "States.NoChoiceMatched";
    public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";
    public const string ItemReaderFailed = "States.ItemReaderFailed";
    public const string ResultWriterFailed = "States.ResultWriterFailed";
    public const string QueryEvaluationError = "States.QueryEvaluationError";
}
