using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Builders;

/// <summary>
/// The fields every data-flow state shares (Pass, Wait, Choice, Succeed, and the bases of Task, Parallel and Map).
/// JSONPath states shape data with <see cref="InputPath"/> and <see cref="OutputPath"/>; JSONata states with <see cref="Output"/>.
/// </summary>
public record StateOptions
{
    /// <summary>A human-readable description.</summary>
    /// <value>None by default.</value>
    public string? Comment { get; init; }

    /// <summary>The state's own query language.</summary>
    /// <value>Null by default: the machine's language (JSONPath unless the machine says JSONata).</value>
    public QueryLanguage? QueryLanguage { get; init; }

    /// <summary>JSONPath: the part of the input the state sees; <see cref="NullablePath.Null"/> passes <c>{}</c>.</summary>
    /// <value>Null by default: the whole input (<c>$</c>).</value>
    public NullablePath? InputPath { get; init; }

    /// <summary>JSONPath: the part of the output passed on; <see cref="NullablePath.Null"/> passes <c>{}</c>.</summary>
    /// <value>Null by default: the whole output (<c>$</c>).</value>
    public NullablePath? OutputPath { get; init; }

    /// <summary>JSONata: the state's output, a template that may use <c>$states.input</c> and <c>$states.result</c>.</summary>
    /// <value>Null by default: the result (or the input, for states without one).</value>
    public TaskInput? Output { get; init; }

    /// <summary>Variables to assign, an object template; values are paths in JSONPath states, expressions in JSONata states.</summary>
    /// <value>None by default.</value>
    public TaskInput? Assign { get; init; }
}
