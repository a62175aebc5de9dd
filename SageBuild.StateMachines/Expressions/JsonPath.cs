using System.Diagnostics.CodeAnalysis;
using System.Text;
using SageBuild.StateMachines.Model;

namespace SageBuild.StateMachines.Expressions;

/// <summary>
/// A parsed JSONPath in the Jayway-flavoured syntax AWS Step Functions accepts: <c>$</c>, <c>$$</c> (the context
/// object) or <c>$name</c> (a variable), then dot and bracket steps, wildcards, slices, unions, recursive descent,
/// filters and a trailing <c>length()</c>. Immutable; parse once and share.
/// </summary>
public sealed class JsonPath : IEquatable<JsonPath>
{
    private readonly int[] _segmentPositions;
    private string? _normalized;

    internal JsonPath(string text, JsonPathRoot root, string? variableName, ValueList<PathSegment> segments, int[] segmentPositions)
    {
        Text = text;
        Root = root;
        VariableName = variableName;
        Segments = segments;
        _segmentPositions = segmentPositions;
        IsDefinite = ComputeIsDefinite(segments);
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>What the path starts from.</summary>
    public JsonPathRoot Root { get; }

    /// <summary>The variable's name when <see cref="Root"/> is <see cref="JsonPathRoot.Variable"/>, else null.</summary>
    public string? VariableName { get; }

    /// <summary>The steps after the root.</summary>
    public ValueList<PathSegment> Segments { get; }

    /// <summary>
    /// Whether the path selects at most one node: only properties, indexes, a trailing <c>length()</c>, or (as in
    /// Jayway) a trailing union of property names, which gives one object.
    /// </summary>
    public bool IsDefinite { get; }

    /// <summary>Whether this is a reference path: only properties and indexes, as ResultPath and the <c>…Path</c> fields need.</summary>
    public bool IsReferencePath => FirstNonReferenceSegment() < 0;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="ExpressionSyntaxException"/> saying what is wrong and where.</summary>
    public static JsonPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return JsonPathParser.Parse(text);
    }

    /// <summary>Parses <paramref name="text"/> without throwing.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out JsonPath? path, [NotNullWhen(false)] out ExpressionSyntaxException? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            path = JsonPathParser.Parse(text);
            error = null;
            return true;
        }
        catch (ExpressionSyntaxException e)
        {
            path = null;
            error = e;
            return false;
        }
    }

    /// <summary>
    /// Parses a reference path (properties and indexes only); throws <see cref="ExpressionSyntaxException"/> naming
    /// the first step that could select more than one node.
    /// </summary>
    public static JsonPath ParseReferencePath(string text)
    {
        var path = Parse(text);
        var index = path.FirstNonReferenceSegment();
        if (index >= 0)
            throw new ExpressionSyntaxException(text, path._segmentPositions[index], $"a reference path has only properties and indexes, not {Describe(path.Segments[index])}");
        return path;
    }

    /// <summary>The path in Jayway's normalised bracket form, such as <c>$['items'][0]</c>, as AWS prints it in errors.</summary>
    public string ToNormalizedString()
    {
        if (_normalized is not null)
            return _normalized;
        var builder = new StringBuilder(Text.Length + 8);
        builder.Append(Root switch
        {
            JsonPathRoot.Context => "$$",
            JsonPathRoot.Variable => "$" + VariableName,
            _ => "$",
        });
        foreach (var segment in Segments)
            segment.Render(builder);
        return _normalized = builder.ToString();
    }

    /// <summary>The normalised form of the first <paramref name="count"/> segments, for errors about a prefix of the path.</summary>
    public string ToNormalizedString(int count)
    {
        var builder = new StringBuilder(Text.Length + 8);
        builder.Append(Root switch
        {
            JsonPathRoot.Context => "$$",
            JsonPathRoot.Variable => "$" + VariableName,
            _ => "$",
        });
        for (var i = 0; i < count && i < Segments.Count; i++)
            Segments[i].Render(builder);
        return builder.ToString();
    }

    /// <summary>The 0-based character position at which segment <paramref name="index"/> starts in <see cref="Text"/>.</summary>
    public int PositionOf(int index) => _segmentPositions[index];

    /// <inheritdoc />
    public bool Equals(JsonPath? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is JsonPath other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <summary>The path as written.</summary>
    public override string ToString() => Text;

    private static bool ComputeIsDefinite(ValueList<PathSegment> segments)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (segment.IsDefinite)
                continue;
            // Jayway merges a trailing union of names into one object, so it stays a single node.
            if (segment is PropertyUnionSegment && i == segments.Count - 1)
                continue;
            return false;
        }

        return true;
    }

    private int FirstNonReferenceSegment()
    {
        for (var i = 0; i < Segments.Count; i++)
        {
            if (Segments[i] is not (PropertySegment or IndexSegment))
                return i;
        }

        return -1;
    }

    private static string Describe(PathSegment segment) => segment switch
    {
        WildcardSegment => "a wildcard",
        SliceSegment => "a slice",
        FilterSegment => "a filter",
        DescendantSegment => "a recursive descent ('..')",
        FunctionSegment f => $"the function {f.Name}()",
        PropertyUnionSegment or IndexUnionSegment => "a union",
        _ => "this step",
    };
}
