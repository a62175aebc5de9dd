using SageBuild.Infra.Model;
using SageBuild.StateMachines.Json;

namespace SageBuild.Infra.Stack;

/// <summary>
/// The CloudWatch dashboard: pipeline executions and their duration, training jobs, and the endpoint's invocations,
/// latency and errors per production variant (AWS/SageMaker with the EndpointName and VariantName dimensions), with
/// the guardrail alarms' state.
/// </summary>
internal static class Monitoring
{
    private const int Width = 12;
    private const int Height = 6;

    public static Resource Add(StackContext stack, Resource stateMachine, string endpointName, IReadOnlyList<string> variants, IReadOnlyList<Resource> alarms)
    {
        var region = StackContext.Placeholder(stack.Region);
        var machine = StackContext.Placeholder(stateMachine.Output("arn"));
        var widgets = new List<JsonValue>
        {
            Metrics(0, 0, "Pipeline executions", region, "Sum", 300, [
                Metric("AWS/States", "ExecutionsStarted", ("StateMachineArn", machine)),
                Metric("AWS/States", "ExecutionsSucceeded", ("StateMachineArn", machine)),
                Metric("AWS/States", "ExecutionsFailed", ("StateMachineArn", machine)),
                Metric("AWS/States", "ExecutionsTimedOut", ("StateMachineArn", machine)),
                Metric("AWS/States", "ExecutionsAborted", ("StateMachineArn", machine))]),
            Metrics(Width, 0, "Pipeline duration (ms)", region, "Average", 300, [
                Metric("AWS/States", "ExecutionTime", ("StateMachineArn", machine))]),
            // Training job metrics are per job (Host dimension): a search finds this stack's jobs whatever their build number.
            Search(0, Height, "Training jobs: CPU and memory", region,
                $"SEARCH('{{/aws/sagemaker/TrainingJobs,Host}} {stack.Names.Prefix}', 'Average', 300)"),
            Metrics(Width, Height, $"{endpointName}: invocations", region, "Sum", 60,
                [.. variants.Select(v => Metric("AWS/SageMaker", "Invocations", ("EndpointName", endpointName), ("VariantName", v)))]),
            Metrics(0, 2 * Height, $"{endpointName}: model latency p99 (µs)", region, "p99", 60,
                [.. variants.Select(v => Metric("AWS/SageMaker", "ModelLatency", ("EndpointName", endpointName), ("VariantName", v)))]),
            Metrics(Width, 2 * Height, $"{endpointName}: errors", region, "Sum", 60,
                [.. variants.SelectMany(v => new[]
                {
                    Metric("AWS/SageMaker", "Invocation4XXErrors", ("EndpointName", endpointName), ("VariantName", v)),
                    Metric("AWS/SageMaker", "Invocation5XXErrors", ("EndpointName", endpointName), ("VariantName", v)),
                })]),
        };
        if (alarms.Count > 0)
        {
            widgets.Add(JsonObject.Create(
                ("type", "alarm"), ("x", 0), ("y", 3 * Height), ("width", 2 * Width), ("height", 3),
                ("properties", JsonObject.Create(
                    ("title", "Deployment guardrails"),
                    ("alarms", JsonArray.Create(alarms.Select(a => (JsonValue)StackContext.Placeholder(a.Output("arn")))))))));
        }

        return stack.Add("dashboard", AwsTypes.Dashboard, new MapValue
        {
            ["dashboardName"] = stack.Names.Dashboard,
            ["dashboardBody"] = FunctionCall.ToJson(stack.Json(JsonObject.Create(("widgets", JsonArray.Create(widgets))))),
        });
    }

    /// <summary>The console address of <paramref name="dashboard"/>.</summary>
    public static Interpolation Url(StackContext stack, Resource dashboard) =>
        Interpolation.Format($"https://{stack.Region}.console.aws.amazon.com/cloudwatch/home?region={stack.Region}#dashboards:name={dashboard.Output("dashboardName")}");

    private static JsonArray Metric(string metricNamespace, string name, params (string Name, string Value)[] dimensions)
    {
        var metric = new List<JsonValue> { metricNamespace, name };
        foreach (var (dimension, value) in dimensions)
        {
            metric.Add(dimension);
            metric.Add(value);
        }

        return JsonArray.Create(metric);
    }

    private static JsonObject Metrics(int x, int y, string title, string region, string stat, int period, IReadOnlyList<JsonArray> metrics) =>
        JsonObject.Create(
            ("type", "metric"), ("x", x), ("y", y), ("width", Width), ("height", Height),
            ("properties", JsonObject.Create(
                ("title", title), ("region", region), ("view", "timeSeries"), ("stat", stat), ("period", period),
                ("metrics", JsonArray.Create(metrics.Select(m => (JsonValue)m))))));

    private static JsonObject Search(int x, int y, string title, string region, string expression) =>
        JsonObject.Create(
            ("type", "metric"), ("x", x), ("y", y), ("width", Width), ("height", Height),
            ("properties", JsonObject.Create(
                ("title", title), ("region", region), ("view", "timeSeries"),
                ("metrics", JsonArray.Create([JsonArray.Create([JsonObject.Create(("expression", expression), ("id", "training"))])])))));
}
