using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Local.Training;

/// <summary>CreateTrainingJob parameters as a Task state sends them.</summary>
internal static class TrainingRequests
{
    public const string Sync = "arn:aws:states:::sagemaker:createTrainingJob.sync";
    public const string Start = "arn:aws:states:::sagemaker:createTrainingJob";

    public static string Create(string name, string image, string hyperParameters = """{"epochs": "3", "weight": "2", "learning_rate": "0.1"}""",
        string stoppingCondition = """{"MaxRuntimeInSeconds": 3600}""") => $$$"""
        {
          "TrainingJobName": "{{{name}}}",
          "RoleArn": "arn:aws:iam::123456789012:role/SageBuildTraining",
          "AlgorithmSpecification": {
            "TrainingImage": "{{{image}}}",
            "TrainingInputMode": "File",
            "MetricDefinitions": [
              {"Name": "train:loss", "Regex": "loss=([0-9.]+)"},
              {"Name": "validation:accuracy", "Regex": "validation:accuracy=([0-9.]+)"}
            ]
          },
          "HyperParameters": {{{hyperParameters}}},
          "InputDataConfig": [{
            "ChannelName": "train",
            "ContentType": "text/csv",
            "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://sagebuild-data/train", "S3DataDistributionType": "FullyReplicated"}}
          }],
          "OutputDataConfig": {"S3OutputPath": "s3://sagebuild-artifacts/models"},
          "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 10},
          "StoppingCondition": {{{stoppingCondition}}}
        }
        """;

    public static void PutTrainingData(LocalTestEnvironment environment)
    {
        environment.PutObject("s3://sagebuild-data/train/part-1.csv", "10\n20\n");
        environment.PutObject("s3://sagebuild-data/train/part-2.csv", "30\n");
    }

    public static string Text(this JsonObject value, string key) => ((JsonString)value[key]).Value;
}
