using SageBuild.Infra.Model;
using SageBuild.Infra.Pipeline;

namespace SageBuild.Infra.Stack;

/// <summary>
/// The alarms SageMaker watches during a blue/green deployment (AutoRollbackConfiguration): for each production
/// variant, server errors and p99 model latency, on the AWS/SageMaker metrics with the EndpointName and VariantName
/// dimensions. A missing datapoint (no traffic) is not a breach.
/// </summary>
internal static class GuardrailAlarms
{
    public static IReadOnlyList<Resource> Add(StackContext stack, PipelineResources resources, IReadOnlyList<string> variantNames)
    {
        var guardrails = stack.Settings.Guardrails;
        var alarms = new List<Resource>();
        var endpointName = resources.Pipeline.EndpointName;
        foreach (var variant in variantNames)
        {
            var names = resources.GuardrailAlarmNames(variant);
            var logical = "guardrail" + StackText.Pascal(variant);
            alarms.Add(stack.Add(logical + "ServerErrors", AwsTypes.MetricAlarm, new MapValue
            {
                ["name"] = names[0],
                ["alarmDescription"] = $"Rolls a deployment of {endpointName}/{variant} back when it answers with server errors",
                ["namespace"] = "AWS/SageMaker",
                ["metricName"] = "Invocation5XXErrors",
                ["dimensions"] = Dimensions(endpointName, variant),
                ["statistic"] = "Sum",
                ["period"] = 60,
                ["evaluationPeriods"] = guardrails.EvaluationMinutes,
                ["threshold"] = guardrails.ServerErrorThreshold,
                ["comparisonOperator"] = "GreaterThanOrEqualToThreshold",
                ["treatMissingData"] = "notBreaching",
                ["tags"] = stack.Tags,
            }));
            alarms.Add(stack.Add(logical + "Latency", AwsTypes.MetricAlarm, new MapValue
            {
                ["name"] = names[1],
                ["alarmDescription"] = $"Rolls a deployment of {endpointName}/{variant} back when its p99 model latency exceeds {guardrails.LatencyP99Milliseconds} ms",
                ["namespace"] = "AWS/SageMaker",
                ["metricName"] = "ModelLatency",
                ["dimensions"] = Dimensions(endpointName, variant),
                ["extendedStatistic"] = "p99",
                ["period"] = 60,
                ["evaluationPeriods"] = guardrails.EvaluationMinutes,
                // ModelLatency is reported in microseconds.
                ["threshold"] = guardrails.LatencyP99Milliseconds * 1000L,
                ["comparisonOperator"] = "GreaterThanThreshold",
                ["treatMissingData"] = "notBreaching",
                ["tags"] = stack.Tags,
            }));
        }

        return alarms;
    }

    public static MapValue Dimensions(string endpointName, string variant) => new()
    {
        ["EndpointName"] = endpointName,
        ["VariantName"] = variant,
    };
}
