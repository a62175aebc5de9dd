namespace SageBuild.Engine.Stores;

/// <summary>
/// Where the engine keeps its state machines, so that they survive a restart. Calls are synchronous: creating a
/// machine is, and a machine the API has acknowledged must already be stored. Implementations must be safe for
/// concurrent use.
/// </summary>
public interface IStateMachineStore
{
    /// <summary>Stores a machine, replacing one with the same ARN.</summary>
    void Save(StateMachineRecord machine);

    /// <summary>Removes a machine; false when there was none.</summary>
    bool Delete(string stateMachineArn);

    /// <summary>Every stored machine.</summary>
    IReadOnlyList<StateMachineRecord> LoadAll();
}
