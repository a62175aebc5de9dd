namespace SageBuild.Local.Ledger.Expressions;

/// <summary>Reads and rewrites values at document paths inside an item (a map value); items are immutable, so writes return a new item.</summary>
internal static class DocumentPaths
{
    private const string InvalidForUpdate = "The document path provided in the update expression is invalid for update";

    public static AttributeValue? Get(AttributeValue? root, AttributePath path)
    {
        var current = root;
        foreach (var element in path.Elements)
        {
            current = current switch
            {
                { Kind: AttributeKind.M } map when !element.IsIndex => map.Get(element.Name!),
                { Kind: AttributeKind.L } list when element.IsIndex && element.Index < list.List.Count => list.List[element.Index],
                _ => null,
            };
            if (current is null)
                return null;
        }

        return current;
    }

    public static AttributeValue Set(AttributeValue root, AttributePath path, AttributeValue value) => Set(root, path, 0, value);

    public static AttributeValue Remove(AttributeValue root, AttributePath path) => Remove(root, path, 0);

    /// <summary>Keeps only the given paths (ProjectionExpression, UPDATED_OLD/UPDATED_NEW), in the item's own order.</summary>
    public static AttributeValue Project(AttributeValue root, IReadOnlyList<AttributePath> paths)
    {
        var result = AttributeValue.FromMap([]);
        var anything = false;
        foreach (var path in paths)
        {
            if (Get(root, path) is null)
                continue;
            result = Merge(result, root, path, 0);
            anything = true;
        }

        return anything ? Reorder(result, root) : result;
    }

    private static AttributeValue Set(AttributeValue node, AttributePath path, int depth, AttributeValue value)
    {
        var element = path.Elements[depth];
        var last = depth == path.Elements.Count - 1;
        if (node.Kind == AttributeKind.M && !element.IsIndex)
        {
            var child = node.Get(element.Name!);
            if (!last && child is null)
                throw DynamoDbException.Invalid(InvalidForUpdate);
            var newChild = last ? value : Set(child!, path, depth + 1, value);
            return WithKey(node, element.Name!, newChild);
        }

        if (node.Kind == AttributeKind.L && element.IsIndex)
        {
            var items = node.List.ToList();
            if (element.Index >= items.Count)
            {
                if (!last)
                    throw DynamoDbException.Invalid(InvalidForUpdate);
                items.Add(value);   // DynamoDB appends when the index is past the end
            }
            else
            {
                items[element.Index] = last ? value : Set(items[element.Index], path, depth + 1, value);
            }

            return AttributeValue.FromList(items);
        }

        throw DynamoDbException.Invalid(InvalidForUpdate);
    }

    private static AttributeValue Remove(AttributeValue node, AttributePath path, int depth)
    {
        var element = path.Elements[depth];
        var last = depth == path.Elements.Count - 1;
        if (node.Kind == AttributeKind.M && !element.IsIndex)
        {
            var child = node.Get(element.Name!);
            if (child is null)
            {
                if (last)
                    return node;
                throw DynamoDbException.Invalid(InvalidForUpdate);
            }

            return last
                ? AttributeValue.FromMap(node.Map.Where(p => !string.Equals(p.Key, element.Name, StringComparison.Ordinal)))
                : WithKey(node, element.Name!, Remove(child, path, depth + 1));
        }

        if (node.Kind == AttributeKind.L && element.IsIndex)
        {
            if (element.Index >= node.List.Count)
            {
                if (last)
                    return node;
                throw DynamoDbException.Invalid(InvalidForUpdate);
            }

            var items = node.List.ToList();
            if (last)
                items.RemoveAt(element.Index);   // later elements shift down, as in DynamoDB
            else
                items[element.Index] = Remove(items[element.Index], path, depth + 1);
            return AttributeValue.FromList(items);
        }

        throw DynamoDbException.Invalid(InvalidForUpdate);
    }

    private static AttributeValue WithKey(AttributeValue map, string key, AttributeValue value)
    {
        var entries = map.Map.ToList();
        var i = entries.FindIndex(p => string.Equals(p.Key, key, StringComparison.Ordinal));
        if (i >= 0)
            entries[i] = new(key, value);
        else
            entries.Add(new(key, value));
        return AttributeValue.FromMap(entries);
    }

    private static AttributeValue Merge(AttributeValue into, AttributeValue source, AttributePath path, int depth)
    {
        var element = path.Elements[depth];
        var last = depth == path.Elements.Count - 1;
        if (element.IsIndex)
        {
            // Projected list elements keep their order and close up, as DynamoDB returns them.
            var sourceItem = source.List[element.Index];
            var items = into.Kind == AttributeKind.L ? into.List.ToList() : [];
            items.Add(last ? sourceItem : Merge(Empty(sourceItem), sourceItem, path, depth + 1));
            return AttributeValue.FromList(items);
        }

        var sourceChild = source.Get(element.Name!)!;
        if (last)
            return WithKey(into, element.Name!, sourceChild);
        var existing = into.Get(element.Name!) ?? Empty(sourceChild);
        return WithKey(into, element.Name!, Merge(existing, sourceChild, path, depth + 1));
    }

    private static AttributeValue Empty(AttributeValue like) => like.Kind == AttributeKind.L ? AttributeValue.FromList([]) : AttributeValue.FromMap([]);

    private static AttributeValue Reorder(AttributeValue projected, AttributeValue original) =>
        AttributeValue.FromMap(original.Map.Where(p => projected.Get(p.Key) is not null).Select(p => new KeyValuePair<string, AttributeValue>(p.Key, projected.Get(p.Key)!)));
}
