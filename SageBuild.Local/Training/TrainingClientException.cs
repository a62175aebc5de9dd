namespace SageBuild.Local.Training;

/// <summary>A training job that cannot run because of its request or its inputs; its message becomes "ClientError: ...".</summary>
internal sealed class TrainingClientException(string message) : Exception(message);
