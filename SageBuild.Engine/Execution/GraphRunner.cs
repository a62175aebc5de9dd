using SageBuild.Engine.Preparation;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Execution;

/// <summary>The run loop: a <c>while</c> over state indexes, one step per state, each step's events handed to the store as one append.</summary>
internal static class GraphRunner
{
    public static async ValueTask<StepResult> RunAsync(PreparedGraph graph, RunFrame frame, JsonValue input)
    {
        var states = graph.States;
        var index = graph.StartIndex;
        var data = input;
        var run = frame.Run;
        while (true)
        {
            if (frame.IsAborting)
                return StepResult.Aborted();
            var state = states[index];
            StepResult step;
            if (state.IsSynchronous)
            {
                frame.BeginSynchronousStep();
                step = state.Execute(frame, data);
                frame.EndSynchronousStep();
            }
            else
            {
                step = await state.ExecuteAsync(frame, data).ConfigureAwait(false);
            }

            // Handed over, not waited for: a step that must be stored before it goes on (a Task's call, a Wait) commits itself.
            // A distributed Map's child hands its events over only at its barriers and its end (ChildExecutionJournal).
            if (frame.Child is null)
                run.Flush();
            if (step.Kind != StepKind.Next)
                return frame.IsAborting && step.Kind != StepKind.End ? StepResult.Aborted() : step;
            index = step.NextIndex;
            data = step.Output!;
        }
    }
}
