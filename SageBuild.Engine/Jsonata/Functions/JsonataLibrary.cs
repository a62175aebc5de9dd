using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Jsonata;

namespace SageBuild.Engine.Jsonata.Functions;

/// <summary>
/// The built-in functions, by name, for each dialect. The tables are built once and shared: a native function holds
/// no per-evaluation state.
/// </summary>
internal static class JsonataLibrary
{
    private static readonly Dictionary<string, JsonataFunction> StandardTable = BuildStandard();
    private static readonly Dictionary<string, JsonataFunction> StepFunctionsTable = BuildStepFunctions();

    public static IReadOnlyDictionary<string, JsonataFunction> For(JsonataDialect dialect) =>
        dialect == JsonataDialect.StepFunctions ? StepFunctionsTable : StandardTable;

    private static Dictionary<string, JsonataFunction> BuildStandard()
    {
        var table = new Dictionary<string, JsonataFunction>(StringComparer.Ordinal);
        void Add(string name, string signature, JsonataNativeImplementation implementation, int? arity = null) =>
            table[name] = new JsonataNativeFunction(name, signature, implementation, arity);

        Add("sum", "<a<n>:n>", JsonataNumericFunctions.Sum);
        Add("count", "<a:n>", JsonataArrayFunctions.Count);
        Add("max", "<a<n>:n>", JsonataNumericFunctions.Max);
        Add("min", "<a<n>:n>", JsonataNumericFunctions.Min);
        Add("average", "<a<n>:n>", JsonataNumericFunctions.Average);
        Add("string", "<x-b?:s>", JsonataStringFunctions.String, arity: 1);
        Add("substring", "<s-nn?:s>", JsonataStringFunctions.Substring);
        Add("substringBefore", "<s-s:s>", JsonataStringFunctions.SubstringBefore);
        Add("substringAfter", "<s-s:s>", JsonataStringFunctions.SubstringAfter);
        Add("lowercase", "<s-:s>", JsonataStringFunctions.Lowercase);
        Add("uppercase", "<s-:s>", JsonataStringFunctions.Uppercase);
        Add("length", "<s-:n>", JsonataStringFunctions.Length);
        Add("trim", "<s-:s>", JsonataStringFunctions.Trim);
        Add("pad", "<s-ns?:s>", JsonataStringFunctions.Pad);
        Add("match", "<s-f<s:o>n?:a<o>>", JsonataStringFunctions.Match);
        Add("contains", "<s-(sf):b>", JsonataStringFunctions.Contains);
        Add("replace", "<s-(sf)(sf)n?:s>", JsonataStringFunctions.Replace);
        Add("split", "<s-(sf)n?:a<s>>", JsonataStringFunctions.Split);
        Add("join", "<a<s>s?:s>", JsonataStringFunctions.Join);
        Add("formatNumber", "<n-so?:s>", JsonataFormatNumber.Format);
        Add("formatBase", "<n-n?:s>", JsonataNumericFunctions.FormatBase);
        Add("formatInteger", "<n-s:s>", JsonataIntegerFormat.FormatInteger);
        Add("parseInteger", "<s-s:n>", JsonataIntegerFormat.ParseInteger);
        Add("number", "<(nsb)-:n>", JsonataNumericFunctions.Number);
        Add("floor", "<n-:n>", JsonataNumericFunctions.Floor);
        Add("ceil", "<n-:n>", JsonataNumericFunctions.Ceil);
        Add("round", "<n-n?:n>", JsonataNumericFunctions.RoundFunction);
        Add("abs", "<n-:n>", JsonataNumericFunctions.Abs);
        Add("sqrt", "<n-:n>", JsonataNumericFunctions.Sqrt);
        Add("power", "<n-n:n>", JsonataNumericFunctions.Power);
        Add("random", "<:n>", (evaluator, _, _) => JsonNumber.From(evaluator.Random.NextDouble()));
        Add("boolean", "<x-:b>", JsonataObjectFunctions.Boolean);
        Add("not", "<x-:b>", JsonataObjectFunctions.Not);
        Add("map", "<af>", JsonataHigherOrderFunctions.Map);
        Add("zip", "<a+>", JsonataArrayFunctions.Zip);
        Add("filter", "<af>", JsonataHigherOrderFunctions.Filter);
        Add("single", "<af?>", JsonataHigherOrderFunctions.Single);
        Add("reduce", "<afj?:j>", JsonataHigherOrderFunctions.Reduce);
        Add("sift", "<o-f?:o>", JsonataObjectFunctions.Sift);
        Add("keys", "<x-:a<s>>", JsonataObjectFunctions.Keys);
        Add("lookup", "<x-s:x>", JsonataObjectFunctions.Lookup);
        Add("append", "<xx:a>", JsonataArrayFunctions.AppendFunction);
        Add("exists", "<x:b>", JsonataObjectFunctions.Exists);
        Add("spread", "<x-:a<o>>", JsonataObjectFunctions.Spread);
        Add("merge", "<a<o>:o>", JsonataObjectFunctions.Merge);
        Add("reverse", "<a:a>", JsonataArrayFunctions.Reverse);
        Add("each", "<o-f:a>", JsonataObjectFunctions.Each);
        Add("error", "<s?:x>", JsonataObjectFunctions.Error);
        Add("assert", "<bs?:x>", JsonataObjectFunctions.Assert);
        Add("type", "<x:s>", JsonataObjectFunctions.Type);
        Add("sort", "<af?:a>", JsonataArrayFunctions.Sort);
        Add("shuffle", "<a:a>", JsonataArrayFunctions.Shuffle);
        Add("distinct", "<x:x>", JsonataArrayFunctions.Distinct);
        Add("base64encode", "<s-:s>", JsonataStringFunctions.Base64Encode);
        Add("base64decode", "<s-:s>", JsonataStringFunctions.Base64Decode);
        Add("encodeUrlComponent", "<s-:s>", JsonataUrlFunctions.EncodeUrlComponent);
        Add("encodeUrl", "<s-:s>", JsonataUrlFunctions.EncodeUrl);
        Add("decodeUrlComponent", "<s-:s>", JsonataUrlFunctions.DecodeUrlComponent);
        Add("decodeUrl", "<s-:s>", JsonataUrlFunctions.DecodeUrl);
        Add("eval", "<sx?:x>", Eval);
        Add("toMillis", "<s-s?:n>", JsonataDateTimeFunctions.ToMillis);
        Add("fromMillis", "<n-s?s?:s>", JsonataDateTimeFunctions.FromMillis);
        Add("clone", "<(oa)-:o>", JsonataObjectFunctions.Clone);
        Add("now", "<s?s?:s>", JsonataDateTimeFunctions.Now);
        Add("millis", "<:n>", JsonataDateTimeFunctions.Millis);
        return table;
    }

    private static Dictionary<string, JsonataFunction> BuildStepFunctions()
    {
        var table = new Dictionary<string, JsonataFunction>(BuildStandard(), StringComparer.Ordinal);
        // AWS disables $eval (use $parse); calling it is calling an undefined function.
        table.Remove("eval");
        void Add(string name, string signature, JsonataNativeImplementation implementation) =>
            table[name] = new JsonataNativeFunction(name, signature, implementation);
        Add("partition", "<an:a>", JsonataStepFunctionsFunctions.Partition);
        Add("range", "<nnn?:a>", JsonataStepFunctionsFunctions.Range);
        Add("hash", "<ss?:s>", JsonataStepFunctionsFunctions.Hash);
        Add("random", "<n?:n>", JsonataStepFunctionsFunctions.Random);
        Add("uuid", "<:s>", JsonataStepFunctionsFunctions.Uuid);
        Add("parse", "<s-:j>", JsonataStepFunctionsFunctions.Parse);
        return table;
    }

    /// <summary><c>$eval(expression, context)</c>: parses and evaluates an expression at run time (standard dialect only).</summary>
    private static object? Eval(JsonataEvaluator evaluator, object? input, object?[] args)
    {
        if (args[0] is not JsonString text)
            return null;
        var context = input;
        if (args.Length > 1 && args[1] is { } focus)
        {
            context = focus;
            if (focus is JsonArray)
            {
                var wrapper = new JsonataSequence { IsSequence = true, OuterWrapper = true };
                wrapper.Add(focus);
                context = wrapper;
            }
        }

        JsonataNode ast;
        try
        {
            ast = JsonataParser.Parse(text.Value);
        }
        catch (JsonataSyntaxException e)
        {
            throw new JsonataRuntimeException("D3120", JsonString.From(e.Message));
        }

        var depth = evaluator.Depth;
        try
        {
            return evaluator.Evaluate(ast, context, evaluator.CurrentRoot!);
        }
        catch (JsonataRuntimeException e)
        {
            evaluator.Depth = depth;
            throw new JsonataRuntimeException("D3121", JsonString.From(e.Message));
        }
    }
}
