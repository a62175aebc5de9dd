using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;

namespace SageBuild.Infra.Model;

/// <summary>
/// A string of Pulumi YAML: literal parts and <see cref="Reference"/>s. Build one with an interpolated string,
/// <c>Interpolation.Format($"arn:{partition}:s3:::{bucket.Output("bucket")}/*")</c>, whose holes take references,
/// other interpolations or literal text. Literal text is escaped when written, so it never turns into a reference.
/// </summary>
public sealed record Interpolation
{
    private Interpolation(ImmutableArray<object> parts) => Parts = parts;

    /// <summary>The parts: <see cref="string"/> (literal text) or <see cref="Reference"/>, with no two texts adjacent.</summary>
    public ImmutableArray<object> Parts { get; }

    /// <summary>The references, in order.</summary>
    public IEnumerable<Reference> References => Parts.OfType<Reference>();

    /// <summary>Whether this is a single reference and nothing else (a substitution that keeps the value's type).</summary>
    public bool IsSubstitution => Parts is [Reference];

    /// <summary>Whether this holds no reference.</summary>
    public bool IsLiteral => !Parts.Any(p => p is Reference);

    /// <summary>Literal text.</summary>
    public static Interpolation Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(text.Length == 0 ? [] : [text]);
    }

    /// <summary>A single reference.</summary>
    public static Interpolation Of(Reference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new([reference]);
    }

    /// <summary>An interpolation from an interpolated string whose holes are references, interpolations or text.</summary>
    public static Interpolation Format(ref Handler handler) => handler.Build();

    /// <summary>The parts joined in order.</summary>
    public static Interpolation Concat(params IEnumerable<object> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var builder = new List<object>();
        foreach (var part in parts)
            Append(builder, part);
        return new([.. builder]);
    }

    /// <summary>
    /// Reads text that may hold <c>${name}</c> or <c>${name.path}</c> placeholders: each one that
    /// <paramref name="resolve"/> maps becomes that interpolation; any other <c>$</c> stays literal text. Inside an
    /// intrinsic function's template (<c>States.Format</c>) braces are escaped, so a placeholder there reads
    /// <c>$\{name.path\}</c>; it is resolved the same way (the values substituted, names and ARNs, hold no braces).
    /// </summary>
    public static Interpolation Parse(string text, Func<string, Interpolation?> resolve)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(resolve);
        var parts = new List<object>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var (start, open, close) = NextPlaceholder(text, i);
            var end = start < 0 ? -1 : text.IndexOf(close, start + open.Length, StringComparison.Ordinal);
            if (start < 0 || end < 0)
            {
                literal.Append(text, i, text.Length - i);
                break;
            }

            literal.Append(text, i, start - i);
            var expression = text[(start + open.Length)..end];
            var placeholder = text[start..(end + close.Length)];
            if (!expression.Contains('{', StringComparison.Ordinal) && resolve("${" + expression + "}") is { } replacement)
            {
                Append(parts, literal.ToString());
                literal.Clear();
                Append(parts, replacement);
            }
            else
            {
                literal.Append(placeholder);
            }

            i = end + close.Length;
        }

        Append(parts, literal.ToString());
        return new([.. parts]);
    }

    private static (int Start, string Open, string Close) NextPlaceholder(string text, int from)
    {
        var plain = text.IndexOf("${", from, StringComparison.Ordinal);
        var escaped = text.IndexOf("$\\{", from, StringComparison.Ordinal);
        return escaped >= 0 && (plain < 0 || escaped < plain) ? (escaped, "$\\{", "\\}") : (plain, "${", "}");
    }

    /// <summary>
    /// The text as Pulumi YAML reads it: references as <c>${...}</c>, and every literal <c>$</c> that Pulumi would
    /// otherwise read as the start of <c>${</c> or <c>$$</c> doubled.
    /// </summary>
    public string ToYamlString()
    {
        var text = new StringBuilder();
        for (var p = 0; p < Parts.Length; p++)
        {
            if (Parts[p] is Reference reference)
            {
                text.Append(reference);
                continue;
            }

            var literal = (string)Parts[p];
            var nextIsReference = p + 1 < Parts.Length && Parts[p + 1] is Reference;
            for (var c = 0; c < literal.Length; c++)
            {
                text.Append(literal[c]);
                if (literal[c] != '$')
                    continue;
                var next = c + 1 < literal.Length ? literal[c + 1] : nextIsReference ? '$' : '\0';
                if (next is '$' or '{')
                    text.Append('$');
            }
        }

        return text.ToString();
    }

    /// <summary>The literal text, when this holds no reference.</summary>
    public string LiteralText => IsLiteral
        ? string.Concat(Parts.Cast<string>())
        : throw new InvalidOperationException($"'{ToYamlString()}' holds references, so it has no literal text");

    /// <inheritdoc />
    public override string ToString() => ToYamlString();

    /// <inheritdoc />
    public bool Equals(Interpolation? other) => other is not null && Parts.SequenceEqual(other.Parts);

    /// <inheritdoc />
    public override int GetHashCode() => Parts.Aggregate(Parts.Length, (h, p) => HashCode.Combine(h, p));

    private static void Append(List<object> parts, object part)
    {
        switch (part)
        {
            case string text when text.Length == 0:
                return;
            case string text when parts.Count > 0 && parts[^1] is string previous:
                parts[^1] = previous + text;
                return;
            case string or Reference:
                parts.Add(part);
                return;
            case Interpolation nested:
                foreach (var p in nested.Parts)
                    Append(parts, p);
                return;
            default:
                throw new ArgumentException($"an interpolation part is text, a Reference or an Interpolation, not {part.GetType().Name}", nameof(part));
        }
    }

    /// <summary>Collects the parts of an interpolated string.</summary>
    [InterpolatedStringHandler]
    public readonly struct Handler
    {
        private readonly List<object> _parts;

        /// <summary>A handler for a string of the given shape.</summary>
        public Handler(int literalLength, int formattedCount)
        {
            _ = literalLength;
            _parts = new List<object>(formattedCount * 2 + 1);
        }

        /// <summary>Literal text.</summary>
        public void AppendLiteral(string text) => Append(_parts, text);

        /// <summary>A reference.</summary>
        public void AppendFormatted(Reference reference) => Append(_parts, reference);

        /// <summary>Another interpolation, spliced in.</summary>
        public void AppendFormatted(Interpolation interpolation) => Append(_parts, interpolation);

        /// <summary>Literal text.</summary>
        public void AppendFormatted(string text) => Append(_parts, text);

        /// <summary>A whole number, as literal text.</summary>
        public void AppendFormatted(int number) => Append(_parts, number.ToString(System.Globalization.CultureInfo.InvariantCulture));

        internal Interpolation Build() => new([.. _parts]);
    }
}
