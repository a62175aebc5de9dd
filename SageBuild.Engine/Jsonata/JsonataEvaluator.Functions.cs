using SageBuild.Engine.Jsonata.Functions;
using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Jsonata;

namespace SageBuild.Engine.Jsonata;

/// <summary>Function calls, partial application, the chaining operator <c>~&gt;</c> and the tail-call trampoline.</summary>
internal sealed partial class JsonataEvaluator
{
    private object? EvaluateFunction(JsonataNode expr, object? input, JsonataFrame environment, bool hasContext, object? context)
    {
        var procedure = Evaluate(expr.Procedure!, input, environment);
        var procedureName = expr.Procedure!.Type == JsonataNodeType.Path ? expr.Procedure.Steps![0].Value : expr.Procedure.Value;
        if (procedure is null && expr.Procedure.Type == JsonataNodeType.Path && environment.Lookup(procedureName) is not null)
            throw new JsonataRuntimeException("T1005", token: procedureName, position: expr.Position);

        var arguments = new object?[expr.Arguments!.Count + (hasContext ? 1 : 0)];
        var n = 0;
        if (hasContext)
            arguments[n++] = context;
        foreach (var argument in expr.Arguments)
            arguments[n++] = Evaluate(argument, input, environment);

        try
        {
            return Apply(procedure, arguments, input, environment);
        }
        catch (JsonataRuntimeException e) when (Annotate(e, expr.Position, procedureName))
        {
            throw;
        }
    }

    /// <summary>
    /// Adds the call's position and name to an error on its way out. It runs as an exception filter and returns
    /// false, so the error passes through without being caught and rethrown at every level of a deep recursion,
    /// which would exhaust the stack.
    /// </summary>
    private static bool Annotate(JsonataRuntimeException e, int position, string token)
    {
        if (e.Position < 0)
            e.Position = position;
        e.Token ??= token;
        return false;
    }

    /// <summary>Calls <paramref name="procedure"/>, running any tail calls it returns in a loop rather than on the stack.</summary>
    public object? Apply(object? procedure, object?[] arguments, object? input, JsonataFrame? environment = null)
    {
        var result = ApplyInner(procedure, arguments, input);
        while (result is JsonataLambda { IsThunk: true } thunk)
        {
            var call = thunk.Node.Body!;
            var next = Evaluate(call.Procedure!, thunk.Input, thunk.Environment);
            var evaluated = new object?[call.Arguments!.Count];
            for (var i = 0; i < evaluated.Length; i++)
                evaluated[i] = Evaluate(call.Arguments[i], thunk.Input, thunk.Environment);
            try
            {
                result = ApplyInner(next, evaluated, input);
            }
            catch (JsonataRuntimeException e) when (Annotate(e, call.Position, call.Procedure!.Type == JsonataNodeType.Path ? call.Procedure.Steps![0].Value : call.Procedure.Value))
            {
                throw;
            }
        }

        return result;
    }

    private object? ApplyInner(object? procedure, object?[] arguments, object? input)
    {
        var function = procedure as JsonataFunction;
        var validated = function?.Signature is { } signature ? ValidateArguments(signature, arguments, input) : arguments;
        switch (function)
        {
            case JsonataLambda lambda:
                var frame = new JsonataFrame(lambda.Environment);
                var parameters = lambda.Node.Arguments!;
                for (var i = 0; i < parameters.Count; i++)
                    frame.Bind(parameters[i].Value, i < validated.Length ? validated[i] : null);
                return Evaluate(lambda.Node.Body!, lambda.Input, frame);
            case JsonataNativeFunction native:
                return native.Implementation(this, input, validated);
            case JsonataPartialFunction partial:
                var full = new object?[partial.BoundArguments.Length];
                var next = 0;
                for (var i = 0; i < full.Length; i++)
                    full[i] = partial.IsPlaceholder[i] ? (next < validated.Length ? validated[next++] : null) : partial.BoundArguments[i];
                return ApplyInner(partial.Target, full, input);
            case JsonataRegexFunction regex:
                return JsonataRegexFunctions.Match(regex, validated.Length > 0 ? validated[0] : null, 0);
            case JsonataTransformFunction transform:
                return Transform(transform, validated.Length > 0 ? validated[0] : null);
            default:
                throw new JsonataRuntimeException("T1006");
        }
    }

    private JsonataPartialFunction EvaluatePartialApplication(JsonataNode expr, object? input, JsonataFrame environment)
    {
        var arguments = new object?[expr.Arguments!.Count];
        var placeholders = new bool[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            if (expr.Arguments[i].Type == JsonataNodeType.Placeholder)
                placeholders[i] = true;
            else
                arguments[i] = Evaluate(expr.Arguments[i], input, environment);
        }

        var procedure = Evaluate(expr.Procedure!, input, environment);
        var procedureName = expr.Procedure!.Type == JsonataNodeType.Path ? expr.Procedure.Steps![0].Value : expr.Procedure.Value;
        if (procedure is null && expr.Procedure.Type == JsonataNodeType.Path && environment.Lookup(procedureName) is not null)
            throw new JsonataRuntimeException("T1007", token: procedureName, position: expr.Position);
        if (procedure is not JsonataFunction function)
            throw new JsonataRuntimeException("T1008", token: procedureName, position: expr.Position);
        return new JsonataPartialFunction(function, arguments, placeholders);
    }

    private object? EvaluateApply(JsonataNode expr, object? input, JsonataFrame environment)
    {
        var lhs = Evaluate(expr.Lhs!, input, environment);
        if (expr.Rhs!.Type == JsonataNodeType.Function)
            return EvaluateFunction(expr.Rhs, input, environment, hasContext: true, context: lhs);
        var function = Evaluate(expr.Rhs, input, environment);
        if (function is not JsonataFunction)
            throw new JsonataRuntimeException("T2006", function, position: expr.Position);
        if (lhs is JsonataFunction first)
        {
            // f ~> g is the composition λ($x){ g(f($x)) }.
            return new JsonataNativeFunction("chain", "<x?:x>", (evaluator, _, args) =>
                evaluator.Apply(function, [evaluator.Apply(first, [args.Length > 0 ? args[0] : null], null)], null));
        }

        return Apply(function, [lhs], null, environment);
    }

    private static object?[] ValidateArguments(JsonataSignature signature, object?[] arguments, object? context)
    {
        var symbols = new char[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
            symbols[i] = Symbol(arguments[i]);
        var supplied = new string(symbols);
        var match = signature.Pattern.Match(supplied);
        if (!match.Success)
            throw SignatureMismatch(signature, arguments, supplied);

        var validated = new List<object?>(signature.Parameters.Count);
        var argumentIndex = 0;
        for (var p = 0; p < signature.Parameters.Count; p++)
        {
            var parameter = signature.Parameters[p];
            var matched = match.Groups[p + 1].Value;
            if (matched.Length == 0)
            {
                if (parameter.UsesContext && parameter.ContextPattern is { } contextPattern)
                {
                    if (!contextPattern.IsMatch(Symbol(context).ToString()))
                        throw new JsonataRuntimeException("T0411", context, index: argumentIndex + 1);
                    validated.Add(context);
                }
                else
                {
                    validated.Add(argumentIndex < arguments.Length ? arguments[argumentIndex] : null);
                    argumentIndex++;
                }

                continue;
            }

            foreach (var single in matched)
            {
                var argument = arguments[argumentIndex];
                if (parameter.IsArray)
                {
                    if (single == 'm')
                    {
                        argument = null;
                    }
                    else
                    {
                        if (parameter.Subtype is { Length: > 0 } subtype && !ArrayItemsMatch(argument, single, subtype))
                            throw new JsonataRuntimeException("T0412", argument, index: argumentIndex + 1, token: null, value2: null) { };
                        if (single != 'a')
                        {
                            var wrapped = new JsonataSequence();
                            wrapped.Add(argument);
                            argument = wrapped;
                        }
                    }
                }

                validated.Add(argument);
                argumentIndex++;
            }
        }

        return [.. validated];
    }

    private static bool ArrayItemsMatch(object? argument, char single, string subtype)
    {
        if (single != 'a')
            return single.ToString() == subtype;
        var count = JsonataValues.Count(argument);
        for (var i = 0; i < count; i++)
        {
            if (Symbol(JsonataValues.Item(argument, i)) != subtype[0])
                return false;
        }

        return true;
    }

    private static JsonataRuntimeException SignatureMismatch(JsonataSignature signature, object?[] arguments, string supplied)
    {
        var partial = "^";
        var goodTo = 0;
        foreach (var parameter in signature.Parameters)
        {
            partial += parameter.Pattern;
            var match = System.Text.RegularExpressions.Regex.Match(supplied, partial, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
            if (!match.Success)
                break;
            goodTo = match.Length;
        }

        return new JsonataRuntimeException("T0410", goodTo < arguments.Length ? arguments[goodTo] : null, index: goodTo + 1);
    }

    /// <summary>The one-letter type of a value, as signatures name types.</summary>
    public static char Symbol(object? value) => value switch
    {
        null => 'm',
        JsonataFunction => 'f',
        JsonString => 's',
        JsonNumber => 'n',
        JsonBoolean => 'b',
        JsonNull => 'l',
        JsonArray or JsonataSequence => 'a',
        _ => 'o',
    };

    private object? Transform(JsonataTransformFunction transform, object? value)
    {
        if (value is null)
            return null;
        var node = transform.Node;
        var environment = transform.Environment;
        var clone = environment.Lookup("clone");
        if (clone is not JsonataFunction)
            throw new JsonataRuntimeException("T2013", position: node.Position);
        var result = Apply(clone, [value], null, environment);
        var matches = Evaluate(node.Pattern!, result, environment);
        if (matches is null)
            return result;
        var items = JsonataValues.IsArray(matches) ? JsonataValues.Items(matches) : [matches];
        foreach (var match in items)
        {
            var update = Evaluate(node.Update!, match, environment);
            if (update is not null)
            {
                if (!JsonataValues.IsObject(update))
                    throw new JsonataRuntimeException("T2011", update, position: node.Update!.Position);
                if (match is JsonataMap target)
                {
                    foreach (var (key, member) in JsonataValues.Properties(update))
                        target[key] = member;
                }
                else if (!JsonataValues.IsArray(match) && JsonataValues.PropertyCount(update) > 0)
                {
                    // Only an object can take the update's properties; the reference implementation fails here too.
                    throw new JsonataRuntimeException("T2011", match, position: node.Update!.Position);
                }
            }

            if (node.Delete is null)
                continue;
            var deletions = Evaluate(node.Delete, match, environment);
            if (deletions is null)
                continue;
            var keys = JsonataValues.IsArray(deletions) ? JsonataValues.Items(deletions) : [deletions];
            if (keys.Any(k => k is not JsonString))
                throw new JsonataRuntimeException("T2012", deletions, position: node.Delete.Position);
            if (match is JsonataMap map)
            {
                foreach (var key in keys)
                    map.Remove(((JsonString)key!).Value);
            }
        }

        return result;
    }
}
