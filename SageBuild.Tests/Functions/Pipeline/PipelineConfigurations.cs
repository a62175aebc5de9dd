namespace SageBuild.Tests.Functions.Pipeline;

/// <summary>Configuration documents the acceptance tests store in the parameter store.</summary>
internal static class PipelineConfigurations
{
    public const string Byod = """
        {
          "training": {
            "instanceType": "ml.m5.xlarge",
            "hyperparameters": { "epochs": 10, "learning_rate": "0.1" },
            "metricDefinitions": [ { "name": "validation:auc", "regex": "validation:auc=([0-9.]+);" } ]
          },
          "hosting": { "instanceType": "ml.m5.large" },
          "gate": { "metric": "validation:auc", "direction": "maximize", "threshold": 0.8 },
          "smokeTest": { "body": "{\"features\": [1, 2, 3]}" }
        }
        """;

    public const string Tuning = """
        {
          "training": { "metricDefinitions": [ { "name": "validation:auc", "regex": "validation:auc=([0-9.]+);" } ] },
          "tuning": {
            "strategy": "Bayesian",
            "objective": { "metric": "validation:auc", "type": "Maximize" },
            "maxJobs": 6,
            "maxParallelJobs": 2,
            "continuousRanges": [ { "name": "learning_rate", "min": 0.01, "max": 0.3 } ],
            "integerRanges": [ { "name": "depth", "min": 2, "max": 8 } ]
          },
          "gate": { "metric": "validation:auc", "direction": "maximize", "threshold": 0.8 },
          "smokeTest": { "body": "1,2,3", "contentType": "text/csv" }
        }
        """;

    public const string ExistingArtifact = """
        {
          "train": false,
          "modelArtifacts": "s3://sagebuild-dev-artifacts/imported/model.tar.gz",
          "inferenceImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-server:3",
          "smokeTest": { "body": "{}" }
        }
        """;

    public static string With(string baseDocument, string key, string json) =>
        baseDocument.TrimEnd().TrimEnd('}').TrimEnd() + $",\n  \"{key}\": {json}\n}}";
}
