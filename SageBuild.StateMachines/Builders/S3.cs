using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Builders;

/// <summary>S3 ARNs for the Map reader and writer; a dynamic bucket or key widens to a wildcard.</summary>
internal static class S3
{
    public static string Bucket(Field<string> bucket) =>
        $"arn:{ArnContext.PartitionToken}:s3:::{(bucket.IsDynamic ? "*" : bucket.Value)}";

    public static string Object(Field<string> bucket, Field<string> key, bool wildcardSuffix = false) =>
        $"{Bucket(bucket)}/{(key.IsDynamic ? "*" : key.Value + (wildcardSuffix ? "*" : ""))}";
}
