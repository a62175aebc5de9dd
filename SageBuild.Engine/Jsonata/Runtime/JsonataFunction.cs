using System.Text.RegularExpressions;
using SageBuild.StateMachines.Jsonata;

namespace SageBuild.Engine.Jsonata.Runtime;

/// <summary>A function value: a lambda, a built-in, a partial application, a regex matcher or a transformer.</summary>
internal abstract class JsonataFunction
{
    /// <summary>How many arguments the higher-order functions pass (value, index, array).</summary>
    public abstract int Arity { get; }

    /// <summary>The declared signature, checked before each call; null when there is none.</summary>
    public virtual JsonataSignature? Signature => null;
}

/// <summary>A function defined in the expression: its parameters, body and the scope it closes over.</summary>
internal sealed class JsonataLambda(JsonataNode node, object? input, JsonataFrame environment) : JsonataFunction
{
    public JsonataNode Node { get; } = node;

    public object? Input { get; } = input;

    public JsonataFrame Environment { get; } = environment;

    /// <summary>A tail call waiting for the trampoline rather than a user function.</summary>
    public bool IsThunk => Node.Thunk;

    public override int Arity => Node.Arguments!.Count;

    public override JsonataSignature? Signature => Node.Signature;
}

/// <summary>The implementation of a built-in function, called with arguments already checked against its signature.</summary>
internal delegate object? JsonataNativeImplementation(JsonataEvaluator evaluator, object? input, object?[] arguments);

/// <summary>A built-in function such as <c>$sum</c>.</summary>
internal sealed class JsonataNativeFunction(string name, string signature, JsonataNativeImplementation implementation, int? arity = null) : JsonataFunction
{
    private readonly JsonataSignature _signature = JsonataSignature.Parse(signature);

    public string Name { get; } = name;

    public JsonataNativeImplementation Implementation { get; } = implementation;

    /// <summary>The reference implementation passes as many arguments as its JavaScript function declares before any default.</summary>
    public override int Arity => arity ?? _signature.Parameters.Count;

    public override JsonataSignature? Signature => _signature;
}

/// <summary>A function with some arguments bound and <c>?</c> placeholders left open.</summary>
internal sealed class JsonataPartialFunction(JsonataFunction target, object?[] boundArguments, bool[] isPlaceholder) : JsonataFunction
{
    public JsonataFunction Target { get; } = target;

    public object?[] BoundArguments { get; } = boundArguments;

    public bool[] IsPlaceholder { get; } = isPlaceholder;

    public override int Arity => IsPlaceholder.Count(p => p);
}

/// <summary>A regular expression literal; as a function it returns the first match object from an offset.</summary>
internal sealed class JsonataRegexFunction(Regex regex, string source) : JsonataFunction
{
    public Regex Regex { get; } = regex;

    public string Source { get; } = source;

    public override int Arity => 1;
}

/// <summary>The function a transform expression <c>| pattern | update, delete |</c> evaluates to.</summary>
internal sealed class JsonataTransformFunction(JsonataNode node, JsonataFrame environment) : JsonataFunction
{
    private static readonly JsonataSignature TransformSignature = JsonataSignature.Parse("<(oa):o>");

    public JsonataNode Node { get; } = node;

    public JsonataFrame Environment { get; } = environment;

    public override int Arity => 1;

    public override JsonataSignature? Signature => TransformSignature;
}
