using System.Globalization;
using System.Text.RegularExpressions;

namespace SageBuild.Engine.Api.Model;

/// <summary>
/// Collects violations of the service model's constraints and words them as AWS's request validation does:
/// <c>1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000</c>.
/// </summary>
internal sealed class ConstraintViolations
{
    private readonly List<string> _messages = [];

    public int Count => _messages.Count;

    /// <summary>AWS's path of a member: <c>name</c> at the top, <c>loggingConfiguration.level</c> below.</summary>
    public static string Member(string path, string member) => path.Length == 0 ? member : path + "." + member;

    public void Required(object? value, string path)
    {
        if (value is null)
            _messages.Add($"Value null at '{path}' failed to satisfy constraint: Member must not be null");
    }

    public void Length(string? value, string path, int? min, int? max, bool isSensitive)
    {
        if (value is null)
            return;
        if (min is { } low && value.Length < low)
            Add(value, path, isSensitive, $"Member must have length greater than or equal to {low}");
        if (max is { } high && value.Length > high)
            Add(value, path, isSensitive, $"Member must have length less than or equal to {high}");
    }

    public void Pattern(string? value, string path, Regex regex, string pattern, bool isSensitive)
    {
        if (value is not null && !regex.IsMatch(value))
            Add(value, path, isSensitive, $"Member must satisfy regular expression pattern: {pattern}");
    }

    public void Range(double? value, string path, double? min, double? max)
    {
        if (value is not { } number)
            return;
        var text = number.ToString(CultureInfo.InvariantCulture);
        if (min is { } low && number < low)
            Add(text, path, false, $"Member must have value greater than or equal to {low.ToString(CultureInfo.InvariantCulture)}");
        if (max is { } high && number > high)
            Add(text, path, false, $"Member must have value less than or equal to {high.ToString(CultureInfo.InvariantCulture)}");
    }

    public void Enum<T>(T? value, string path)
        where T : struct, IAwsEnumeration<T>
    {
        if (value is { IsKnown: false } unknown)
            Add(unknown.Value, path, false, $"Member must satisfy enum value set: [{string.Join(", ", T.KnownValues)}]");
    }

    /// <summary>The message AWS sends with a ValidationException, or null when the request holds.</summary>
    public string? ToMessage() => _messages.Count switch
    {
        0 => null,
        1 => "1 validation error detected: " + _messages[0],
        _ => $"{_messages.Count} validation errors detected: " + string.Join("; ", _messages),
    };

    // A sensitive value (a definition, an input, a task output) never goes back into an error message or a log.
    private void Add(string value, string path, bool isSensitive, string constraint) =>
        _messages.Add(isSensitive
            ? $"Value at '{path}' failed to satisfy constraint: {constraint}"
            : $"Value '{value}' at '{path}' failed to satisfy constraint: {constraint}");
}
