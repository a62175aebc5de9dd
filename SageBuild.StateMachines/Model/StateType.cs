namespace SageBuild.StateMachines.Model;

/// <summary>The eight state types, named as in the <c>Type</c> field.</summary>
public enum StateType
{
    Task,
    Pass,
    Choice,
    Wait,
    Succeed,
    Fail,
    Parallel,
    Map,
}
