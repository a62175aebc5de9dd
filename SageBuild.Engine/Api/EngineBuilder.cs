using System.ComponentModel.DataAnnotations;
using SageBuild.Engine.Execution;
using SageBuild.Engine.Integrations;
using SageBuild.Engine.Mocks;
using SageBuild.Engine.Preparation;
using SageBuild.Engine.Stores;

namespace SageBuild.Engine.Api;

/// <summary>
/// Builds a <see cref="WorkflowEngine"/>: options, then one <c>AddX</c>/<c>UseX</c> per feature, then
/// <see cref="Build"/>, which checks the whole configuration. A builder is used once.
/// </summary>
public sealed class EngineBuilder
{
    private readonly Dictionary<string, IServiceIntegration> _integrations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LambdaFunctionHandler> _functions = new(StringComparer.Ordinal);
    private IExecutionStore? _store;
    private IStateMachineStore? _machineStore;
    private ITokenStore? _tokenStore;
    private bool _durable;
    private readonly List<object> _owned = [];
    private MockConfiguration? _mocks;
    private bool _built;

    /// <summary>Where all time comes from.</summary>
    /// <value>Default: <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The engine's options.</summary>
    /// <value>Default: <c>new EngineOptions()</c>.</value>
    public EngineOptions Options { get; init; } = new();

    /// <summary>Registers an integration for each of its <c>service:action</c> keys; a later registration of a key replaces an earlier one.</summary>
    public EngineBuilder AddIntegration(IServiceIntegration integration)
    {
        ArgumentNullException.ThrowIfNull(integration);
        CheckNotBuilt();
        if (integration.Keys.Count == 0)
            throw new ArgumentException($"the integration {integration.GetType().Name} serves no keys", nameof(integration));
        foreach (var key in integration.Keys)
            _integrations[key] = integration;
        return this;
    }

    /// <summary>Registers an in-process Lambda function under its name (a function ARN or partial ARN names the same function).</summary>
    public EngineBuilder AddLambdaFunction(string functionName, LambdaFunctionHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        ArgumentNullException.ThrowIfNull(handler);
        CheckNotBuilt();
        _functions[LambdaInvokeIntegration.FunctionName(functionName)] = handler;
        return this;
    }

    /// <summary>Keeps executions and histories in <paramref name="store"/>.</summary>
    /// <remarks>Default: an <see cref="InMemoryExecutionStore"/>.</remarks>
    public EngineBuilder UseStore(IExecutionStore store)
    {
        CheckNotBuilt();
        _store = store ?? throw new ArgumentNullException(nameof(store));
        return this;
    }

    /// <summary>Keeps state machines in <paramref name="store"/>; the engine registers the stored ones when it is built.</summary>
    /// <remarks>Default: an <see cref="InMemoryStateMachineStore"/>.</remarks>
    public EngineBuilder UseStateMachineStore(IStateMachineStore store)
    {
        CheckNotBuilt();
        _machineStore = store ?? throw new ArgumentNullException(nameof(store));
        return this;
    }

    /// <summary>
    /// Keeps everything in stores that outlive the process: the engine then resumes their RUNNING executions
    /// (<see cref="WorkflowEngine.ResumeAsync"/>) and, when disposed, leaves its running executions RUNNING for the next
    /// engine instead of aborting them. The engine disposes the stores it is given here.
    /// </summary>
    public EngineBuilder UseDurableStores(IExecutionStore executions, IStateMachineStore machines)
    {
        UseStore(executions);
        UseStateMachineStore(machines);
        _durable = true;
        _owned.Add(executions);
        _owned.Add(machines);
        return this;
    }

    /// <summary>
    /// Remembers retired task tokens and redrive clientTokens in <paramref name="tokens"/>, a store that outlives the
    /// process, so that after a restart a late callback is still TaskTimedOut and a repeated redrive still gets its
    /// first answer. The engine disposes it. Use it beside <see cref="UseDurableStores"/>.
    /// </summary>
    /// <remarks>Default: an <see cref="InMemoryTokenStore"/>, forgotten when the engine ends.</remarks>
    public EngineBuilder UseDurableTokenStore(ITokenStore tokens)
    {
        CheckNotBuilt();
        _tokenStore = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _owned.Add(tokens);
        return this;
    }

    /// <summary>Serves the Tasks of executions that name a test case from Step Functions Local's mock configuration.</summary>
    public EngineBuilder UseMockConfiguration(MockConfiguration mocks)
    {
        CheckNotBuilt();
        _mocks = mocks ?? throw new ArgumentNullException(nameof(mocks));
        return this;
    }

    /// <summary>Checks the configuration and builds the engine. The builder cannot be used again.</summary>
    public WorkflowEngine Build()
    {
        CheckNotBuilt();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(Options, new ValidationContext(Options), results, validateAllProperties: true))
            throw new ArgumentException($"{nameof(EngineOptions)} is invalid: " + string.Join("; ", results.Select(r => $"{string.Join(",", r.MemberNames)}: {r.ErrorMessage}")));
        _built = true;
        var handlers = new Dictionary<string, IServiceIntegration>(StringComparer.Ordinal);
        if (_functions.Count > 0 || !_integrations.ContainsKey("lambda:invoke"))
            handlers["lambda:invoke"] = new LambdaInvokeIntegration(new Dictionary<string, LambdaFunctionHandler>(_functions, StringComparer.Ordinal));
        foreach (var (key, handler) in _integrations)
            handlers[key] = handler;
        var context = new EngineContext(
            TimeProvider,
            _store ?? new InMemoryExecutionStore(),
            new IntegrationRegistry(handlers),
            _mocks,
            new TaskTokenRegistry(_tokenStore ?? new InMemoryTokenStore()),
            new PreparationCache(),
            Options.Region,
            Options.AccountId);
        return new WorkflowEngine(context, Options, _machineStore ?? new InMemoryStateMachineStore(), _durable, [.. _owned]);
    }

    private void CheckNotBuilt()
    {
        if (_built)
            throw new InvalidOperationException("this EngineBuilder has already built its engine");
    }
}
