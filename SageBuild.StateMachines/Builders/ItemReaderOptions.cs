using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Builders;

/// <summary>Where a distributed Map reads its items. Made by the factories, which also know the IAM the read needs.</summary>
public sealed record ItemReaderOptions
{
    private ItemReaderOptions(string resource, Field<string> bucket, Field<string>? key, bool isListing)
    {
        Resource = resource;
        Bucket = bucket;
        Key = key;
        IsListing = isListing;
    }

    /// <summary>The reader's integration ARN.</summary>
    public string Resource { get; }

    /// <summary>The bucket.</summary>
    public Field<string> Bucket { get; }

    /// <summary>The object key (or the listing's prefix).</summary>
    public Field<string>? Key { get; }

    /// <summary>The most items to read.</summary>
    /// <value>None by default: every item.</value>
    public Field<double>? MaxItems { get; init; }

    /// <summary>Extra ReaderConfig fields, such as CSVDelimiter.</summary>
    /// <value>None by default.</value>
    public JsonObject? ReaderConfig { get; init; }

    private bool IsListing { get; }

    private string? InputType { get; init; }

    private string? CsvHeaderLocation { get; init; }

    /// <summary>Every object under <paramref name="prefix"/> of <paramref name="bucket"/> (<c>s3:listObjectsV2</c>).</summary>
    public static ItemReaderOptions S3Objects(Field<string> bucket, Field<string>? prefix = null) =>
        new("arn:aws:states:::s3:listObjectsV2", bucket, prefix, isListing: true);

    /// <summary>The items of a JSON array file (<c>s3:getObject</c>, InputType JSON).</summary>
    public static ItemReaderOptions S3JsonFile(Field<string> bucket, Field<string> key) =>
        new("arn:aws:states:::s3:getObject", bucket, key, isListing: false) { InputType = "JSON" };

    /// <summary>The rows of a CSV file whose first row holds the headers (<c>s3:getObject</c>, InputType CSV).</summary>
    public static ItemReaderOptions S3CsvFile(Field<string> bucket, Field<string> key) =>
        new("arn:aws:states:::s3:getObject", bucket, key, isListing: false) { InputType = "CSV", CsvHeaderLocation = "FIRST_ROW" };

    internal TaskInput Parameters() => IsListing
        ? TaskInput.FromObject([("Bucket", Bucket), .. Key is { } prefix ? [("Prefix", (TaskInput)prefix)] : Array.Empty<(string, TaskInput)>()])
        : TaskInput.FromObject(("Bucket", Bucket), ("Key", Key!.Value));

    internal (JsonObject? Config, Field<double>? MaxItems) Config()
    {
        var o = new JsonObjectBuilder();
        o.SetIfNotNull("InputType", InputType is null ? null : JsonString.From(InputType));
        o.SetIfNotNull("CSVHeaderLocation", CsvHeaderLocation is null ? null : JsonString.From(CsvHeaderLocation));
        foreach (var (key, value) in ReaderConfig ?? JsonObject.Empty)
            o.Set(key, value);
        var config = o.Build();
        return (config.Count == 0 && MaxItems is null ? null : config, MaxItems);
    }

    // The map run reads with the state machine's role: listing needs the bucket, reading needs the object.
    internal PolicyStatement Policy() => IsListing
        ? PolicyStatement.Allow(S3.Bucket(Bucket), "s3:ListBucket")
        : PolicyStatement.Allow(S3.Object(Bucket, Key!.Value), "s3:GetObject");
}
