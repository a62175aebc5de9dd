using System.Globalization;
using System.Text;

namespace SageBuild.Local.Ledger.Expressions;

/// <summary>One step of a document path: a map key or a list index.</summary>
internal readonly record struct PathElement(string? Name, int Index)
{
    public bool IsIndex => Name is null;

    public static PathElement Key(string name) => new(name, -1);

    public static PathElement At(int index) => new(null, index);
}

/// <summary>A document path such as <c>a.b[2].c</c>, with placeholders already replaced by the names they stand for.</summary>
internal sealed class AttributePath(IReadOnlyList<PathElement> elements)
{
    public IReadOnlyList<PathElement> Elements { get; } = elements;

    public string TopLevelName => Elements[0].Name!;

    /// <summary>Whether one path is the other or lies inside it (DynamoDB refuses two such paths in one update).</summary>
    public bool Overlaps(AttributePath other)
    {
        var n = Math.Min(Elements.Count, other.Elements.Count);
        for (var i = 0; i < n; i++)
        {
            if (Elements[i] != other.Elements[i])
                return false;
        }

        return true;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var element in Elements)
        {
            if (element.IsIndex)
                text.Append('[').Append(element.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            else
                text.Append(text.Length == 0 ? "" : ".").Append(element.Name);
        }

        return text.ToString();
    }

    /// <summary>The path as DynamoDB's "path one: [a, b]" messages list it.</summary>
    public string ToListText() =>
        "[" + string.Join(", ", Elements.Select(e => e.IsIndex ? "[" + e.Index.ToString(CultureInfo.InvariantCulture) + "]" : e.Name)) + "]";
}
