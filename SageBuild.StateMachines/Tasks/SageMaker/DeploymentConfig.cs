using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>
/// Deployment guardrails for creating or updating an endpoint: blue/green traffic shifting (all at once, canary or
/// linear) with automatic rollback when a CloudWatch alarm fires.
/// </summary>
public sealed record DeploymentConfig
{
    private DeploymentConfig(TrafficRoutingType type, double? stepPercent, double waitSeconds, IReadOnlyList<string> alarms)
    {
        Type = type;
        StepPercent = stepPercent;
        WaitIntervalInSeconds = waitSeconds;
        RollbackAlarms = alarms;
    }

    /// <summary>How traffic shifts.</summary>
    public TrafficRoutingType Type { get; }

    /// <summary>The canary's or each linear step's share of the capacity, in percent.</summary>
    public double? StepPercent { get; }

    /// <summary>Seconds to wait between shifts, watching the alarms.</summary>
    public double WaitIntervalInSeconds { get; }

    /// <summary>The alarms that roll the deployment back.</summary>
    public IReadOnlyList<string> RollbackAlarms { get; }

    /// <summary>Seconds to keep the old fleet after the shift, for a fast rollback.</summary>
    /// <value>None by default: SageMaker's default (0).</value>
    public double? TerminationWaitInSeconds { get; init; }

    /// <summary>The longest the whole deployment may take, in seconds.</summary>
    /// <value>None by default: SageMaker's default.</value>
    public double? MaximumExecutionTimeoutInSeconds { get; init; }

    /// <summary>All traffic moves to the new fleet at once, after <paramref name="waitSeconds"/> of baking.</summary>
    public static DeploymentConfig AllAtOnce(double waitSeconds, params string[] rollbackAlarms) => new(TrafficRoutingType.ALL_AT_ONCE, null, waitSeconds, rollbackAlarms);

    /// <summary><paramref name="canaryPercent"/> of the capacity first; the rest after <paramref name="waitSeconds"/> without alarms.</summary>
    public static DeploymentConfig Canary(double canaryPercent, double waitSeconds, params string[] rollbackAlarms) => new(TrafficRoutingType.CANARY, canaryPercent, waitSeconds, rollbackAlarms);

    /// <summary>Steps of <paramref name="stepPercent"/> of the capacity, every <paramref name="waitSeconds"/>.</summary>
    public static DeploymentConfig Linear(double stepPercent, double waitSeconds, params string[] rollbackAlarms) => new(TrafficRoutingType.LINEAR, stepPercent, waitSeconds, rollbackAlarms);

    internal TaskInput ToTaskInput()
    {
        var step = StepPercent is { } percent ? TaskInput.FromObject(("Type", "CAPACITY_PERCENT"), ("Value", percent)) : null;
        var routing = new RequestBuilder()
            .Add("Type", Type.ToString())
            .Add("WaitIntervalInSeconds", (TaskInput)WaitIntervalInSeconds)
            .Add(Type == TrafficRoutingType.LINEAR ? "LinearStepSize" : "CanarySize", step)
            .Build();
        var blueGreen = new RequestBuilder()
            .Add("TrafficRoutingConfiguration", routing)
            .Add("TerminationWaitInSeconds", TerminationWaitInSeconds is { } t ? (TaskInput)t : null)
            .Add("MaximumExecutionTimeoutInSeconds", MaximumExecutionTimeoutInSeconds is { } m ? (TaskInput)m : null)
            .Build();
        return new RequestBuilder()
            .Add("BlueGreenUpdatePolicy", blueGreen)
            .Add("AutoRollbackConfiguration", RollbackAlarms.Count == 0 ? null
                : TaskInput.FromObject(("Alarms", TaskInput.FromArray(RollbackAlarms.Select(a => TaskInput.FromObject(("AlarmName", a))).ToArray()))))
            .Build();
    }
}
