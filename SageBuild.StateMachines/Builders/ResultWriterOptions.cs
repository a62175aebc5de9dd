using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Json;

namespace SageBuild.StateMachines.Builders;

/// <summary>Where a distributed Map writes its results: an S3 prefix.</summary>
public sealed record ResultWriterOptions
{
    private ResultWriterOptions(Field<string> bucket, Field<string> prefix)
    {
        Bucket = bucket;
        Prefix = prefix;
    }

    /// <summary>The bucket.</summary>
    public Field<string> Bucket { get; }

    /// <summary>The key prefix.</summary>
    public Field<string> Prefix { get; }

    /// <summary>WriterConfig, such as <c>{"OutputType": "JSONL", "Transformation": "NONE"}</c>.</summary>
    /// <value>None by default: AWS's manifest and result files.</value>
    public JsonObject? WriterConfig { get; init; }

    /// <summary>Results written under <paramref name="prefix"/> in <paramref name="bucket"/>.</summary>
    public static ResultWriterOptions S3(Field<string> bucket, Field<string> prefix) => new(bucket, prefix);

    internal const string Resource = "arn:aws:states:::s3:putObject";

    internal TaskInput Parameters() => TaskInput.FromObject(("Bucket", Bucket), ("Prefix", Prefix));

    // Results are written as multipart uploads under the prefix.
    internal PolicyStatement Policy() => PolicyStatement.Allow(Builders.S3.Object(Bucket, Prefix, wildcardSuffix: true),
        "s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload");
}
