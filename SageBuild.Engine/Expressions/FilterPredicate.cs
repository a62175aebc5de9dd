using System.Text.RegularExpressions;
using SageBuild.StateMachines.Expressions;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Expressions;

/// <summary>A compiled <c>[?(...)]</c> expression. Regular expressions and sub-paths are compiled once, here.</summary>
internal abstract class FilterPredicate
{
    /// <summary>Whether the filter holds for <paramref name="current"/> (<c>@</c>), with <paramref name="root"/> as <c>$</c>.</summary>
    public abstract bool Test(JsonValue current, JsonValue root);

    public static FilterPredicate Compile(FilterExpression expression) => expression switch
    {
        FilterOr or => new Or(Compile(or.Left), Compile(or.Right)),
        FilterAnd and => new And(Compile(and.Left), Compile(and.Right)),
        FilterNot not => new Not(Compile(not.Operand)),
        FilterExists exists => new Exists(Operand.Compile(exists.Path)),
        FilterComparison c => new Comparison(Operand.Compile(c.Left), c.Operator, Operand.Compile(c.Right)),
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression, "unknown filter expression"),
    };

    private sealed class Or(FilterPredicate left, FilterPredicate right) : FilterPredicate
    {
        public override bool Test(JsonValue current, JsonValue root) => left.Test(current, root) || right.Test(current, root);
    }

    private sealed class And(FilterPredicate left, FilterPredicate right) : FilterPredicate
    {
        public override bool Test(JsonValue current, JsonValue root) => left.Test(current, root) && right.Test(current, root);
    }

    private sealed class Not(FilterPredicate operand) : FilterPredicate
    {
        public override bool Test(JsonValue current, JsonValue root) => !operand.Test(current, root);
    }

    /// <summary>A lone path holds when it finds a value, JSON null included; an indefinite one must find at least one.</summary>
    private sealed class Exists(Operand path) : FilterPredicate
    {
        public override bool Test(JsonValue current, JsonValue root) =>
            path.TryEvaluate(current, root, out var value) && !(path.IsIndefinite && value is JsonArray { Count: 0 });
    }

    private sealed class Comparison(Operand left, FilterOperator op, Operand right) : FilterPredicate
    {
        public override bool Test(JsonValue current, JsonValue root)
        {
            var hasLeft = left.TryEvaluate(current, root, out var l);
            if (op == FilterOperator.Matches)
                return hasLeft && l is JsonString s && right.Matches(s.Value);
            var hasRight = right.TryEvaluate(current, root, out var r);
            if (op is FilterOperator.NotEqual)
                return !(hasLeft && hasRight && FilterValues.AreEqual(l!, r!));
            if (op is FilterOperator.NotIn)
                return hasLeft && hasRight && r is JsonArray && !FilterValues.Holds(FilterOperator.In, l!, r);
            return hasLeft && hasRight && FilterValues.Holds(op, l!, r!);
        }
    }

    /// <summary>A filter operand: a path from <c>@</c> or <c>$</c>, a literal, or a regular expression.</summary>
    private sealed class Operand
    {
        private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

        private readonly bool _fromCurrent;
        private readonly PathExpression? _path;
        private readonly JsonValue? _literal;
        private readonly Regex? _regex;

        private Operand(bool fromCurrent, PathExpression? path, JsonValue? literal, Regex? regex)
        {
            _fromCurrent = fromCurrent;
            _path = path;
            _literal = literal;
            _regex = regex;
        }

        public bool IsIndefinite => _path is { IsDefinite: false };

        public static Operand Compile(FilterOperand operand) => operand switch
        {
            FilterPathOperand p => new Operand(p.IsCurrentNode, PathExpression.Compile(RelativePath(p)), null, null),
            FilterLiteralOperand l => new Operand(false, null, l.Value, null),
            FilterRegexOperand r => new Operand(false, null, null, CompileRegex(r)),
            _ => throw new ArgumentOutOfRangeException(nameof(operand), operand, "unknown filter operand"),
        };

        public bool TryEvaluate(JsonValue current, JsonValue root, out JsonValue? value)
        {
            if (_literal is not null)
            {
                value = _literal;
                return true;
            }

            if (_path is null)
            {
                value = null;
                return false;
            }

            var found = _path.TrySelectFrom(_fromCurrent ? current : root, out var selected);
            value = selected;
            return found;
        }

        /// <summary>A whole-string match, as Java's <c>Matcher.matches</c>; a pathological pattern that times out does not match.</summary>
        public bool Matches(string text)
        {
            try
            {
                return _regex is not null && _regex.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        /// <summary>The operand's segments as a path of their own, run from <c>@</c> or from the root.</summary>
        private static JsonPath RelativePath(FilterPathOperand operand) =>
            new(operand.IsCurrentNode ? "@" : "$", JsonPathRoot.Input, null, operand.Segments, new int[operand.Segments.Count]);

        private static Regex CompileRegex(FilterRegexOperand operand)
        {
            var options = RegexOptions.CultureInvariant;
            foreach (var flag in operand.Flags)
            {
                options |= flag switch
                {
                    'i' => RegexOptions.IgnoreCase,
                    'm' => RegexOptions.Multiline,
                    's' => RegexOptions.Singleline,
                    'x' => RegexOptions.IgnorePatternWhitespace,
                    _ => RegexOptions.None,
                };
            }

            return new Regex($"\\A(?:{operand.Pattern})\\z", options, RegexTimeout);
        }
    }
}
