using SageBuild.Infra.Model;

namespace SageBuild.Infra.Stack;

/// <summary>
/// The S3 buckets: data (shared by the stacks: created by one, given to the other), artifacts, code (versioned user
/// scripts) and checkpoints. Every bucket this stack creates is versioned, encrypted (SSE-S3 with a bucket key),
/// blocks all public access and expires what it no longer needs.
/// </summary>
internal static class Storage
{
    public static StorageSet Add(StackContext stack)
    {
        var settings = stack.Settings;
        StackBucket data;
        if (settings.CreateDataBucket)
        {
            // The data bucket outlives the stack that created it: the other stack reads it too.
            var options = new ResourceOptions { Protect = settings.Protect, RetainOnDelete = true };
            data = Secure(stack, "dataBucket", stack.Names.DataBucket, options, NoncurrentExpiry(settings.ArtifactRetentionDays));
            // EventBridge notifications are bucket-wide, so enabling them here serves both stacks' data rules.
            stack.Add("dataBucketNotification", AwsTypes.BucketNotification, new MapValue
            {
                ["bucket"] = data.Resource!.Output("id"),
                ["eventbridge"] = true,
            });
        }
        else
        {
            var name = stack.Names.DataBucket;
            data = new StackBucket(name, Interpolation.Format($"arn:{stack.Partition}:s3:::{name}"), null);
        }

        var artifacts = Secure(stack, "artifactsBucket", stack.Names.Bucket("artifacts"), ResourceOptions.None, NoncurrentExpiry(settings.ArtifactRetentionDays));
        // Code versions are what any past build can be redeployed from, so current versions never expire.
        var code = Secure(stack, "codeBucket", stack.Names.Bucket("code"), ResourceOptions.None, NoncurrentExpiry(settings.ArtifactRetentionDays));
        var checkpoints = Secure(stack, "checkpointsBucket", stack.Names.Bucket("checkpoints"), ResourceOptions.None, new MapValue
        {
            ["id"] = "expire-checkpoints",
            ["status"] = "Enabled",
            ["filter"] = new MapValue { ["prefix"] = "" },
            ["expiration"] = new MapValue { ["days"] = settings.CheckpointRetentionDays },
            ["noncurrentVersionExpiration"] = new MapValue { ["noncurrentDays"] = 1 },
            ["abortIncompleteMultipartUpload"] = new MapValue { ["daysAfterInitiation"] = 1 },
        });
        return new StorageSet(data, artifacts, code, checkpoints);
    }

    private static MapValue NoncurrentExpiry(int days) => new()
    {
        ["id"] = "expire-replaced-versions",
        ["status"] = "Enabled",
        ["filter"] = new MapValue { ["prefix"] = "" },
        ["noncurrentVersionExpiration"] = new MapValue { ["noncurrentDays"] = days },
        ["abortIncompleteMultipartUpload"] = new MapValue { ["daysAfterInitiation"] = 7 },
    };

    private static StackBucket Secure(StackContext stack, string name, Interpolation bucketName, ResourceOptions options, MapValue lifecycleRule)
    {
        var bucket = stack.Add(name, AwsTypes.Bucket, new MapValue
        {
            ["bucket"] = bucketName,
            ["forceDestroy"] = false,
            ["tags"] = stack.Tags,
        }, options);
        var id = bucket.Output("id");
        stack.Add(name + "Versioning", AwsTypes.BucketVersioning, new MapValue
        {
            ["bucket"] = id,
            ["versioningConfiguration"] = new MapValue { ["status"] = "Enabled" },
        });
        stack.Add(name + "Encryption", AwsTypes.BucketEncryption, new MapValue
        {
            ["bucket"] = id,
            ["rules"] = PropertyValue.List(new MapValue
            {
                ["applyServerSideEncryptionByDefault"] = new MapValue { ["sseAlgorithm"] = "AES256" },
                ["bucketKeyEnabled"] = true,
            }),
        });
        stack.Add(name + "PublicAccessBlock", AwsTypes.BucketPublicAccessBlock, new MapValue
        {
            ["bucket"] = id,
            ["blockPublicAcls"] = true,
            ["blockPublicPolicy"] = true,
            ["ignorePublicAcls"] = true,
            ["restrictPublicBuckets"] = true,
        });
        stack.Add(name + "Lifecycle", AwsTypes.BucketLifecycle, new MapValue
        {
            ["bucket"] = id,
            ["rules"] = PropertyValue.List(lifecycleRule),
        }, new ResourceOptions { DependsOn = [stack.Program.Resource(name + "Versioning")] });
        return new StackBucket(Interpolation.Of(bucket.Output("bucket")), Interpolation.Of(bucket.Output("arn")), bucket);
    }
}
