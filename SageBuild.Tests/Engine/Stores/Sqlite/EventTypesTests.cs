using SageBuild.Engine.History;
using SageBuild.Engine.Stores.Sqlite;

namespace SageBuild.Tests.Engine.Stores.Sqlite;

public sealed class EventTypesTests
{
    // The stored codes as first released (history format 2). A stored event's code must mean the same type forever.
    private static readonly string[] Released =
    [
        "ActivityFailed", "ActivityScheduled", "ActivityScheduleFailed", "ActivityStarted", "ActivitySucceeded",
        "ActivityTimedOut", "ChoiceStateEntered", "ChoiceStateExited", "ExecutionAborted", "ExecutionFailed",
        "ExecutionStarted", "ExecutionSucceeded", "ExecutionTimedOut", "FailStateEntered", "LambdaFunctionFailed",
        "LambdaFunctionScheduled", "LambdaFunctionScheduleFailed", "LambdaFunctionStarted",
        "LambdaFunctionStartFailed", "LambdaFunctionSucceeded", "LambdaFunctionTimedOut", "MapIterationAborted",
        "MapIterationFailed", "MapIterationStarted", "MapIterationSucceeded", "MapStateAborted", "MapStateEntered",
        "MapStateExited", "MapStateFailed", "MapStateStarted", "MapStateSucceeded", "ParallelStateAborted",
        "ParallelStateEntered", "ParallelStateExited", "ParallelStateFailed", "ParallelStateStarted",
        "ParallelStateSucceeded", "PassStateEntered", "PassStateExited", "SucceedStateEntered", "SucceedStateExited",
        "TaskFailed", "TaskScheduled", "TaskStarted", "TaskStartFailed", "TaskStateAborted", "TaskStateEntered",
        "TaskStateExited", "TaskSubmitFailed", "TaskSubmitted", "TaskSucceeded", "TaskTimedOut", "WaitStateAborted",
        "WaitStateEntered", "WaitStateExited", "MapRunAborted", "MapRunFailed", "MapRunStarted", "MapRunSucceeded",
        "ExecutionRedriven", "MapRunRedriven", "EvaluationFailed",
    ];

    [Test]
    public void Codes_only_ever_grow_at_the_end_and_cover_every_type()
    {
        Assert.That(EventTypes.Stored.Take(Released.Length), Is.EqualTo(Released), "a released code changed its type: stored histories would change meaning");
        Assert.That(EventTypes.Stored, Is.Unique);
        Assert.That(EventTypes.Stored, Is.EquivalentTo(Enum.GetNames<HistoryEventType>()), "every event type needs a code (append new ones at the end)");
        foreach (var type in Enum.GetValues<HistoryEventType>())
            Assert.That(EventTypes.FromCode(EventTypes.Code(type)), Is.EqualTo(type));
    }
}
