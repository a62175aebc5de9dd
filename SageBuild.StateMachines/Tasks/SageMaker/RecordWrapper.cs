namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>A channel's record wrapping; named as SageMaker spells them.</summary>
public enum RecordWrapper
{
    /// <summary>Raw records.</summary>
    None,

    /// <summary>RecordIO-wrapped records.</summary>
    RecordIO,
}
