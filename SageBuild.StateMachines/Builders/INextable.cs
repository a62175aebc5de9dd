namespace SageBuild.StateMachines.Builders;

/// <summary>A state that goes on to a next state: Pass, Wait, Task, Parallel and Map. Succeed, Fail and Choice are not.</summary>
public interface INextable
{
    /// <summary>Makes <paramref name="next"/> follow this state; returns the chain from this state to <paramref name="next"/>'s ends.</summary>
    /// <exception cref="InvalidOperationException">This state already has a next state.</exception>
    Chain Next(IChainable next);
}
