using System.Globalization;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Shapes;

/// <summary>
/// How timestamps appear in a result. Step Functions' optimized integrations (<c>arn:aws:states:::sagemaker:...</c>,
/// <c>...:codebuild:...</c>) give epoch milliseconds as numbers; the AWS SDK integrations
/// (<c>arn:aws:states:::aws-sdk:...</c>) give ISO 8601 strings.
/// </summary>
internal enum TimestampFormat
{
    EpochMilliseconds,
    Iso8601,
}

internal static class TimestampFormatExtensions
{
    public static JsonValue Render(this TimestampFormat format, DateTimeOffset time) =>
        format == TimestampFormat.EpochMilliseconds
            ? JsonNumber.From(time.ToUnixTimeMilliseconds())
            : JsonString.From(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    public static JsonValue? Render(this TimestampFormat format, DateTimeOffset? time) =>
        time is { } t ? format.Render(t) : null;
}
