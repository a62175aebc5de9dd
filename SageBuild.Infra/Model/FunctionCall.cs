namespace SageBuild.Infra.Model;

/// <summary>
/// A Pulumi YAML built-in function: an object with a single <c>fn::</c> key, such as <c>fn::toJSON</c>,
/// <c>fn::fileArchive</c>, <c>fn::invoke</c> or <c>fn::secret</c>.
/// </summary>
/// <param name="Name">The function's name without the prefix, such as <c>toJSON</c>.</param>
/// <param name="Argument">The function's argument.</param>
public sealed record FunctionCall(string Name, PropertyValue Argument) : PropertyValue
{
    /// <summary>The key the function is written with: <c>fn::</c> and its name.</summary>
    public string Key => "fn::" + Name;

    /// <summary><c>fn::toJSON</c>: <paramref name="value"/> as JSON text, with its references resolved by Pulumi.</summary>
    public static FunctionCall ToJson(PropertyValue value) => new("toJSON", value);

    /// <summary><c>fn::fileArchive</c>: a folder or archive file, relative to the Pulumi project directory.</summary>
    public static FunctionCall FileArchive(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Path.IsPathRooted(path) || path.Split('/', '\\').Contains(".."))
            throw new ArgumentException($"'{path}' must be a path inside the Pulumi project directory, such as ./artifacts/functions", nameof(path));
        return new("fileArchive", PropertyValue.Text(path));
    }

    /// <summary><c>fn::secret</c>: <paramref name="value"/>, kept encrypted in the stack's state.</summary>
    public static FunctionCall Secret(PropertyValue value) => new("secret", value);

    /// <summary>
    /// <c>fn::invoke</c>: calls a provider function such as <c>aws:getRegion</c> and returns the whole result or,
    /// with <paramref name="returnField"/>, one field of it.
    /// </summary>
    public static FunctionCall Invoke(string function, MapValue? arguments = null, string? returnField = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(function);
        var call = new MapValue
        {
            ["function"] = function,
            ["arguments"] = arguments ?? new MapValue(),
            ["return"] = returnField is null ? null : PropertyValue.Text(returnField),
        };
        return new("invoke", call);
    }

    /// <inheritdoc />
    public override IEnumerable<Reference> References() => Argument.References();
}
