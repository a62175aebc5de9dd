using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Tasks;

/// <summary>
/// The base of every typed task. It owns what all tasks share (the options in <see cref="TaskStateOptions"/>)
/// and checks the integration pattern; each task owns its Resource, its request and its IAM statements.
/// </summary>
public abstract class TaskStateBase : RetryableStateNode
{
    private readonly TaskStateOptions _options;

    private protected TaskStateBase(string name, TaskStateOptions options, IReadOnlyCollection<IntegrationPattern> supported, string resource, TaskInput request)
        : base(name, options)
    {
        ArgumentNullException.ThrowIfNull(supported);
        ArgumentNullException.ThrowIfNull(request);
        _options = options;
        if (!supported.Contains(options.IntegrationPattern))
        {
            throw new ArgumentException(
                $"{GetType().Name} '{name}' does not support the integration pattern {options.IntegrationPattern}; it supports {string.Join(", ", supported)}",
                nameof(options));
        }

        Resource = resource;
        Request = options.AdditionalParameters is { } extra ? request.Merge(extra) : request;
        if (options.IntegrationPattern == IntegrationPattern.WaitForTaskToken && !Request.Expressions().Any(e => e.ReadsTaskToken))
        {
            throw new ArgumentException(
                $"{GetType().Name} '{name}' waits for a task token but never passes it on: put JsonPath.TaskToken (or Jsonata.TaskToken) in its request",
                nameof(options));
        }
    }

    /// <inheritdoc />
    public override StateType Type => StateType.Task;

    /// <inheritdoc />
    public override QueryLanguage? QueryLanguage => _options.QueryLanguage;

    /// <summary>The integration pattern.</summary>
    public IntegrationPattern IntegrationPattern => _options.IntegrationPattern;

    /// <summary>The integration's ARN, with its pattern suffix.</summary>
    public string Resource { get; }

    /// <summary>The request: rendered as Parameters in JSONPath states and as Arguments in JSONata states.</summary>
    public TaskInput Request { get; }

    /// <summary>The IAM statements the integration itself needs.</summary>
    private protected abstract IEnumerable<PolicyStatement> TaskPolicyStatements();

    internal override IEnumerable<PolicyStatement> PolicyStatements()
    {
        foreach (var statement in TaskPolicyStatements())
            yield return statement;

        // A task with Credentials runs as another role: the machine's role must be allowed to assume it.
        if (_options.Credentials is { } role)
            yield return PolicyStatement.Allow(role.IsDynamic ? Arn.Role("*") : role.Value!, "sts:AssumeRole");
    }

    internal override State Render(StateRenderContext context)
    {
        var request = context.RenderObject(Request, context.IsJsonata ? "Arguments" : "Parameters");
        var (timeout, timeoutPath) = context.Number(_options.TimeoutSeconds, "TimeoutSeconds");
        var (heartbeat, heartbeatPath) = context.Number(_options.HeartbeatSeconds, "HeartbeatSeconds");
        var credentials = _options.Credentials is { } role ? context.RenderObject(TaskInput.FromObject(("RoleArn", role)), "Credentials") : null;
        return ApplyResult(new TaskState { Resource = Resource }, _options, context) with
        {
            Parameters = context.IsJsonata ? null : request,
            Arguments = context.IsJsonata ? request : null,
            TimeoutSeconds = timeout,
            TimeoutSecondsPath = timeoutPath,
            HeartbeatSeconds = heartbeat,
            HeartbeatSecondsPath = heartbeatPath,
            Credentials = credentials,
        };
    }
}
