using SageBuild.Engine.Api;
using SageBuild.Engine.Stores;
using SageBuild.Local;
using SageBuild.Local.Build;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Local.Hosting;
using SageBuild.Tests.Local.Training;

namespace SageBuild.Tests.Local;

/// <summary>The engine runs a build → train → deploy state machine whose Tasks are served by the local backends.</summary>
public sealed class LocalPipelineTests
{
    private const string Definition = """
        {
          "StartAt": "BuildImage",
          "States": {
            "BuildImage": {
              "Type": "Task", "Resource": "arn:aws:states:::codebuild:startBuild.sync",
              "Parameters": {
                "ProjectName": "churn-model",
                "EnvironmentVariablesOverride": [
                  {"Name": "IMAGE_REPO_NAME", "Value": "churn", "Type": "PLAINTEXT"},
                  {"Name": "IMAGE_TAG", "Value.$": "States.Format('v{}', $.version)", "Type": "PLAINTEXT"}
                ]
              },
              "ResultSelector": {"Status.$": "$.Build.BuildStatus"},
              "ResultPath": "$.build", "Next": "Train"
            },
            "Train": {
              "Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
              "Parameters": {
                "TrainingJobName.$": "States.Format('churn-v{}', $.version)",
                "RoleArn": "arn:aws:iam::123456789012:role/SageBuildTraining",
                "AlgorithmSpecification": {
                  "TrainingImage.$": "States.Format('123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:v{}', $.version)",
                  "TrainingInputMode": "File",
                  "MetricDefinitions": [{"Name": "validation:accuracy", "Regex": "validation:accuracy=([0-9.]+)"}]
                },
                "HyperParameters": {"weight": "2"},
                "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://sagebuild-data/train"}}}],
                "OutputDataConfig": {"S3OutputPath": "s3://sagebuild-artifacts/models"},
                "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 10},
                "StoppingCondition": {"MaxRuntimeInSeconds": 600}
              },
              "ResultSelector": {"ModelArtifacts.$": "$.ModelArtifacts.S3ModelArtifacts"},
              "ResultPath": "$.training", "Next": "CreateModel"
            },
            "CreateModel": {
              "Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
              "Parameters": {
                "ModelName.$": "States.Format('churn-v{}', $.version)",
                "ExecutionRoleArn": "arn:aws:iam::123456789012:role/SageBuildHosting",
                "PrimaryContainer": {
                  "Image.$": "States.Format('123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:v{}', $.version)",
                  "ModelDataUrl.$": "$.training.ModelArtifacts"
                }
              },
              "ResultPath": null, "Next": "CreateEndpointConfig"
            },
            "CreateEndpointConfig": {
              "Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpointConfig",
              "Parameters": {
                "EndpointConfigName.$": "States.Format('churn-v{}', $.version)",
                "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName.$": "States.Format('churn-v{}', $.version)", "InitialInstanceCount": 1, "InstanceType": "ml.t2.medium"}]
              },
              "ResultPath": null, "Next": "CreateEndpoint"
            },
            "CreateEndpoint": {
              "Type": "Task", "Resource": "arn:aws:states:::sagemaker:createEndpoint",
              "Parameters": {"EndpointName": "churn", "EndpointConfigName.$": "States.Format('churn-v{}', $.version)"},
              "ResultPath": null, "Next": "DescribeEndpoint"
            },
            "DescribeEndpoint": {
              "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sagemaker:describeEndpoint",
              "Parameters": {"EndpointName": "churn"},
              "ResultSelector": {"Status.$": "$.EndpointStatus"},
              "ResultPath": "$.endpoint", "Next": "InService?"
            },
            "InService?": {
              "Type": "Choice",
              "Choices": [
                {"Variable": "$.endpoint.Status", "StringEquals": "InService", "Next": "Deployed"},
                {"Variable": "$.endpoint.Status", "StringEquals": "Creating", "Next": "WaitForEndpoint"}
              ],
              "Default": "EndpointFailed"
            },
            "WaitForEndpoint": {"Type": "Wait", "Seconds": 1, "Next": "DescribeEndpoint"},
            "EndpointFailed": {"Type": "Fail", "Error": "EndpointFailed"},
            "Deployed": {"Type": "Succeed"}
          }
        }
        """;

    [Test]
    public async Task The_engine_builds_trains_and_deploys_with_the_local_backends_and_the_endpoint_answers()
    {
        var source = Path.Combine(Path.GetTempPath(), "sagebuild-pipeline-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(source);
        File.Copy(Path.Combine(LocalTestEnvironment.FixturesDirectory, "model.py"), Path.Combine(source, "model.py"));
        File.WriteAllText(Path.Combine(source, "buildspec.yml"), $"""
            version: 0.2
            phases:
              build:
                commands:
                  - mkdir -p out && cp model.py out/
            artifacts:
              base-directory: out
              files: ['**/*']
            image:
              entrypoint: exec {LocalTestEnvironment.Python} model.py
            """);
        await using var local = await LocalTestEnvironment.StartAsync(o => o with
        {
            BuildProjects = new Dictionary<string, LocalBuildProject> { ["churn-model"] = new(source) },
        });
        TrainingRequests.PutTrainingData(local);
        await using var engine = new EngineBuilder().AddLocalBackends(local.Backends).Build();

        var execution = await engine.ExecuteAsync(AslJson.Parse(Definition), JsonValue.Parse("""{"version": "1"}"""));

        Assert.That(execution.Status, Is.EqualTo(ExecutionStatus.SUCCEEDED), $"{execution.Error}: {execution.Cause}");
        var output = (JsonObject)execution.Output!;
        Assert.That(((JsonObject)output["build"]).Text("Status"), Is.EqualTo("SUCCEEDED"));
        Assert.That(((JsonObject)output["training"]).Text("ModelArtifacts"), Is.EqualTo("s3://sagebuild-artifacts/models/churn-v1/output/model.tar.gz"));
        using var client = new HttpClient();
        var (status, body, _) = await HostingSetup.InvokeAsync(client, local.Backends.EndpointUrl("churn"), x: 10);
        Assert.That(status, Is.EqualTo(200));
        Assert.That(((JsonNumber)body!["prediction"]).Value, Is.EqualTo(400), "weight 2 x mean 20, times 10");
        Directory.Delete(source, recursive: true);
    }
}
