using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Configuration.Schema;

/// <summary>Short constructors for value specs, so the configuration's declaration reads like a table.</summary>
internal static class Specs
{
    public const string InstanceTypePattern = @"^ml\.[a-z0-9]+(\.[a-z0-9]+)+$";

    public static ValueSpec Text(string description, int? minLength = 1, int? maxLength = null, string? pattern = null, string? patternDescription = null, string? defaultValue = null) => new()
    {
        Kind = SpecKind.String,
        Description = description,
        MinLength = minLength,
        MaxLength = maxLength,
        Pattern = pattern,
        PatternDescription = patternDescription,
        Default = defaultValue is null ? null : JsonString.From(defaultValue),
    };

    public static ValueSpec OneOf(string description, string? defaultValue, params string[] values) => new()
    {
        Kind = SpecKind.String,
        Description = description,
        Enum = values,
        Default = defaultValue is null ? null : JsonString.From(defaultValue),
    };

    public static ValueSpec Integer(string description, double? minimum = null, double? maximum = null, int? defaultValue = null) => new()
    {
        Kind = SpecKind.Integer,
        Description = description,
        Minimum = minimum,
        Maximum = maximum,
        Default = defaultValue is null ? null : JsonNumber.From((long)defaultValue.Value),
    };

    public static ValueSpec Number(string description, double? minimum = null, double? maximum = null, double? defaultValue = null) => new()
    {
        Kind = SpecKind.Number,
        Description = description,
        Minimum = minimum,
        Maximum = maximum,
        Default = defaultValue is null ? null : JsonNumber.From(defaultValue.Value),
    };

    public static ValueSpec Flag(string description, bool? defaultValue = null) => new()
    {
        Kind = SpecKind.Boolean,
        Description = description,
        Default = defaultValue is null ? null : JsonBoolean.From(defaultValue.Value),
    };

    public static ValueSpec InstanceType(string description, string defaultValue) =>
        Text(description, pattern: InstanceTypePattern, patternDescription: "a SageMaker instance type such as ml.m5.large", defaultValue: defaultValue);

    public static ValueSpec S3Uri(string description) =>
        Text(description, maxLength: 1024, pattern: @"^s3://[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9](/.*)?$", patternDescription: "an S3 URI such as s3://bucket/prefix");

    public static ValueSpec Arn(string description, string service, string resource) =>
        Text(description, maxLength: 2048, pattern: $@"^arn:aws[a-z\-]*:{service}:[a-z0-9\-]+:\d{{12}}:{resource}.+$", patternDescription: $"an ARN of the form arn:aws:{service}:<region>:<account>:{resource}...");

    public static ValueSpec List(string description, ValueSpec items, int? minItems = null, int? maxItems = null) => new()
    {
        Kind = SpecKind.Array,
        Description = description,
        Items = items,
        MinItems = minItems,
        MaxItems = maxItems,
    };

    public static ValueSpec Map(string description, ValueSpec values, int? maxEntries = null) => new()
    {
        Kind = SpecKind.Map,
        Description = description,
        Items = values,
        MaxItems = maxEntries,
    };

    public static ValueSpec Scalar(string description, int? maxLength = null) => new() { Kind = SpecKind.Scalar, Description = description, MaxLength = maxLength };

    public static ValueSpec Object(string description, params FieldSpec[] fields) => new()
    {
        Kind = SpecKind.Object,
        Description = description,
        Object = new ObjectSpec(description, fields),
    };

    public static FieldSpec Key(string name, ValueSpec value, bool required = false) => new(name, value, required);
}
