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

    /// <summary>
    /// Stores what the Step Functions API shows of a machine beyond its record (the definition text as sent, tags,
    /// revision, update date, logging and tracing), as the service's own JSON; replaced whole, kept when the machine's
    /// record is saved again, removed with the machine. Returned by <see cref="LoadAll"/> in <see cref="StateMachineRecord.Attributes"/>.
    /// </summary>
    void SaveAttributes(string stateMachineArn, string attributes);

    /// <summary>Removes a machine (and its attributes); false when there was none.</summary>
    bool Delete(string stateMachineArn);

    /// <summary>Every stored machine.</summary>
    IReadOnlyList<StateMachineRecord> LoadAll();
}
