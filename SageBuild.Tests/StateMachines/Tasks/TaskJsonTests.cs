using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;
using SageBuild.StateMachines.Tasks;
using SageBuild.StateMachines.Tasks.CodeBuild;
using SageBuild.StateMachines.Tasks.DynamoDb;
using SageBuild.StateMachines.Tasks.Lambda;
using SageBuild.StateMachines.Tasks.SageMaker;
using SageBuild.StateMachines.Tasks.Sns;
using SageBuild.StateMachines.Tasks.Ssm;
using SageBuild.StateMachines.Tasks.StepFunctions;
using static SageBuild.Tests.StateMachines.Builders.Asl;

namespace SageBuild.Tests.StateMachines.Tasks;

public sealed class TaskJsonTests
{
    private const string Role = "arn:aws:iam::111122223333:role/sagebuild-sagemaker";

    [Test]
    public void Lambda_invoke_passes_the_whole_input_by_default_and_retries_Lambda_service_errors()
    {
        var task = new LambdaInvoke("Config", new LambdaInvokeOptions { FunctionName = "sagebuild-config", ResultSelector = TaskInput.FromObject(("config", JsonPath.ValueAt("$.Payload"))), ResultPath = "$.config" });

        var state = State(task, "Config");

        Assert.Multiple(() =>
        {
            Assert.That(state["Resource"], Is.EqualTo(Expected("\"arn:aws:states:::lambda:invoke\"")));
            Assert.That(state["Parameters"], Is.EqualTo(Expected("""{"FunctionName": "sagebuild-config", "Payload.$": "$"}""")));
            Assert.That(state["ResultSelector"], Is.EqualTo(Expected("""{"config.$": "$.Payload"}""")));
            Assert.That(((JsonObject)((JsonArray)state["Retry"])[0])["ErrorEquals"], Is.EqualTo(Expected(
                """["Lambda.ClientExecutionTimeoutException", "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"]""")));
        });
    }

    [Test]
    public void Lambda_invoke_in_a_JSONata_state_passes_the_input_as_an_expression_in_Arguments()
    {
        var task = new LambdaInvoke("Config", new LambdaInvokeOptions { FunctionName = "f", RetryOnServiceExceptions = false, Output = TaskInput.FromJsonata("$states.result.Payload") });

        var state = State(task, "Config", new StateMachineOptions { QueryLanguage = QueryLanguage.JSONata });

        Assert.That(state, Is.EqualTo(Expected("""
            {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
             "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"}, "Output": "{% $states.result.Payload %}", "End": true}
            """)));
    }

    [Test]
    public void A_waitForTaskToken_task_must_pass_the_token_and_gets_the_suffix()
    {
        Assert.That(() => new LambdaInvoke("Approve", new LambdaInvokeOptions { FunctionName = "approve", IntegrationPattern = IntegrationPattern.WaitForTaskToken }),
            Throws.ArgumentException.With.Message.Contains("never passes it on"));

        var task = new LambdaInvoke("Approve", new LambdaInvokeOptions
        {
            FunctionName = "approve",
            IntegrationPattern = IntegrationPattern.WaitForTaskToken,
            Payload = TaskInput.FromObject(("token", JsonPath.TaskToken)),
            HeartbeatSeconds = 300,
            TimeoutSeconds = JsonPath.NumberAt("$.approvalTimeout"),
        });
        var state = State(task, "Approve");

        Assert.Multiple(() =>
        {
            Assert.That(state["Resource"], Is.EqualTo(Expected("\"arn:aws:states:::lambda:invoke.waitForTaskToken\"")));
            Assert.That(state["Parameters"], Is.EqualTo(Expected("""{"FunctionName": "approve", "Payload": {"token.$": "$$.Task.Token"}}""")));
            Assert.That(state["HeartbeatSeconds"], Is.EqualTo(Expected("300")));
            Assert.That(state["TimeoutSecondsPath"], Is.EqualTo(Expected("\"$.approvalTimeout\"")));
        });
    }

    [TestCase(IntegrationPattern.RunJob)]
    public void A_task_refuses_a_pattern_its_integration_does_not_support_and_names_the_ones_it_does(IntegrationPattern pattern)
    {
        var error = Assert.Throws<ArgumentException>(() => new SnsPublish("Notify", new SnsPublishOptions { TopicArn = "arn:aws:sns:eu-west-1:1:t", Message = "m", IntegrationPattern = pattern }));

        Assert.That(error!.Message, Does.Contain("SnsPublish 'Notify' does not support the integration pattern RunJob; it supports RequestResponse, WaitForTaskToken"));
    }

    [Test]
    public void Every_task_lists_the_patterns_AWS_documents_for_its_integration()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SageMakerCreateTrainingJob.SupportedPatterns, Is.EquivalentTo(new[] { IntegrationPattern.RequestResponse, IntegrationPattern.RunJob }));
            Assert.That(SageMakerCreateHyperParameterTuningJob.SupportedPatterns, Is.EquivalentTo(new[] { IntegrationPattern.RequestResponse, IntegrationPattern.RunJob }));
            Assert.That(SageMakerCreateModel.SupportedPatterns, Is.EqualTo(new[] { IntegrationPattern.RequestResponse }));
            Assert.That(SageMakerCreateEndpoint.SupportedPatterns, Is.EqualTo(new[] { IntegrationPattern.RequestResponse }));
            Assert.That(CodeBuildStartBuild.SupportedPatterns, Is.EquivalentTo(new[] { IntegrationPattern.RequestResponse, IntegrationPattern.RunJob }));
            Assert.That(StepFunctionsStartExecution.SupportedPatterns, Has.Count.EqualTo(3));
            Assert.That(DynamoPutItem.SupportedPatterns, Is.EqualTo(new[] { IntegrationPattern.RequestResponse }));
            Assert.That(SsmGetParameter.SupportedPatterns, Is.EqualTo(new[] { IntegrationPattern.RequestResponse }));
            Assert.That(() => new SageMakerCreateModel("M", new CreateModelOptions { ModelName = "m", ExecutionRoleArn = Role, PrimaryContainer = new ContainerDefinition { Image = "i" }, IntegrationPattern = IntegrationPattern.RunJob }),
                Throws.ArgumentException.With.Message.Contains("does not support the integration pattern RunJob"));
        });
    }

    [Test]
    public void Training_job_renders_the_CreateTrainingJob_request_with_a_one_hour_default_stop()
    {
        var task = new SageMakerCreateTrainingJob("Train", new CreateTrainingJobOptions
        {
            IntegrationPattern = IntegrationPattern.RunJob,
            TrainingJobName = JsonPath.Format("sagebuild-dev-{}", "$.build"),
            AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = JsonPath.StringAt("$.images.training"), MetricDefinitions = [new MetricDefinition("auc", "auc=([0-9.]+)")] },
            RoleArn = Role,
            HyperParameters = new Dictionary<string, Field<string>> { ["max_depth"] = "5", ["eta"] = JsonPath.StringAt("$.hp.eta") },
            InputDataConfig = [new Channel { ChannelName = "train", S3Uri = "s3://data/train/", ContentType = "text/csv", ShuffleSeed = 7 }],
            OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://artifacts/models/" },
            Tags = new Dictionary<string, string> { ["project"] = "sagebuild" },
        });

        var state = State(task, "Train");

        Assert.Multiple(() =>
        {
            Assert.That(state["Resource"], Is.EqualTo(Expected("\"arn:aws:states:::sagemaker:createTrainingJob.sync\"")));
            Assert.That(state["Parameters"], Is.EqualTo(Expected($$$"""
                {"TrainingJobName.$": "States.Format('sagebuild-dev-{}', $.build)",
                 "AlgorithmSpecification": {"TrainingImage.$": "$.images.training", "TrainingInputMode": "File", "MetricDefinitions": [{"Name": "auc", "Regex": "auc=([0-9.]+)"}]},
                 "RoleArn": "{{{Role}}}",
                 "HyperParameters": {"eta.$": "$.hp.eta", "max_depth": "5"},
                 "InputDataConfig": [{"ChannelName": "train",
                                      "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://data/train/", "S3DataDistributionType": "FullyReplicated"}},
                                      "ContentType": "text/csv", "ShuffleConfig": {"Seed": 7}}],
                 "OutputDataConfig": {"S3OutputPath": "s3://artifacts/models/"},
                 "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 10},
                 "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
                 "Tags": [{"Key": "project", "Value": "sagebuild"}]}
                """)));
        });
    }

    [Test]
    public void The_algorithm_needs_exactly_one_of_an_image_and_an_algorithm_name()
    {
        Assert.That(() => new SageMakerCreateTrainingJob("Train", new CreateTrainingJobOptions
        {
            TrainingJobName = "j", AlgorithmSpecification = new AlgorithmSpecification(), RoleArn = Role, OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://b/" },
        }), Throws.ArgumentException.With.Message.Contains("exactly one of TrainingImage and AlgorithmName"));
    }

    [Test]
    public void Raw_parameters_replace_the_typed_field_of_the_same_name_whether_literal_or_dynamic()
    {
        var task = new SageMakerCreateTrainingJob("Train", new CreateTrainingJobOptions
        {
            TrainingJobName = "job",
            AlgorithmSpecification = new AlgorithmSpecification { AlgorithmName = "xgboost" },
            RoleArn = Role,
            OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://b/" },
            AdditionalParameters = TaskInput.FromObject(("ResourceConfig", JsonPath.ValueAt("$.config.resources")), ("CheckpointConfig", TaskInput.FromObject(("S3Uri", "s3://b/ckpt/")))),
        });

        var parameters = (JsonObject)State(task, "Train")["Parameters"];

        Assert.Multiple(() =>
        {
            Assert.That(parameters.ContainsKey("ResourceConfig"), Is.False);
            Assert.That(parameters["ResourceConfig.$"], Is.EqualTo(Expected("\"$.config.resources\"")));
            Assert.That(parameters["CheckpointConfig"], Is.EqualTo(Expected("""{"S3Uri": "s3://b/ckpt/"}""")));
        });
    }

    [Test]
    public void Tuning_job_renders_its_config_ranges_definition_and_warm_start()
    {
        var task = new SageMakerCreateHyperParameterTuningJob("Tune", new CreateHyperParameterTuningJobOptions
        {
            IntegrationPattern = IntegrationPattern.RunJob,
            HyperParameterTuningJobName = JsonPath.StringAt("$.names.tuning"),
            Strategy = TuningStrategy.Hyperband,
            ObjectiveType = TuningObjectiveType.Maximize,
            ObjectiveMetricName = "validation:auc",
            MaxNumberOfTrainingJobs = 20,
            MaxParallelTrainingJobs = 2,
            IntegerParameterRanges = [new IntegerParameterRange { Name = "max_depth", MinValue = "3", MaxValue = "10" }],
            ContinuousParameterRanges = [new ContinuousParameterRange { Name = "eta", MinValue = "0.01", MaxValue = "0.3", ScalingType = HyperParameterScalingType.Logarithmic }],
            CategoricalParameterRanges = [new CategoricalParameterRange { Name = "booster", Values = ["gbtree", "dart"] }],
            AlgorithmSpecification = new AlgorithmSpecification { AlgorithmName = "xgboost" },
            RoleArn = Role,
            OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://b/" },
            StaticHyperParameters = new Dictionary<string, Field<string>> { ["objective"] = "binary:logistic" },
            ParentHyperParameterTuningJobs = ["tune-1"],
            WarmStartType = WarmStartType.TransferLearning,
        });

        var state = State(task, "Tune");
        var parameters = (JsonObject)state["Parameters"];

        Assert.Multiple(() =>
        {
            Assert.That(state["Resource"], Is.EqualTo(Expected("\"arn:aws:states:::sagemaker:createHyperParameterTuningJob.sync\"")));
            Assert.That(parameters["HyperParameterTuningJobName.$"], Is.EqualTo(Expected("\"$.names.tuning\"")));
            Assert.That(parameters["HyperParameterTuningJobConfig"], Is.EqualTo(Expected("""
                {"Strategy": "Hyperband", "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
                 "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
                 "ParameterRanges": {"IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "3", "MaxValue": "10"}],
                                     "ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.3", "ScalingType": "Logarithmic"}],
                                     "CategoricalParameterRanges": [{"Name": "booster", "Values": ["gbtree", "dart"]}]}}
                """)));
            Assert.That(((JsonObject)parameters["TrainingJobDefinition"])["StaticHyperParameters"], Is.EqualTo(Expected("""{"objective": "binary:logistic"}""")));
            Assert.That(((JsonObject)parameters["TrainingJobDefinition"])["StoppingCondition"], Is.EqualTo(Expected("""{"MaxRuntimeInSeconds": 3600}""")));
            Assert.That(parameters["WarmStartConfig"], Is.EqualTo(Expected("""{"ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": "tune-1"}], "WarmStartType": "TransferLearning"}""")));
        });
    }

    [Test]
    public void Create_model_renders_a_single_container_or_a_pipeline_but_not_both()
    {
        var single = new SageMakerCreateModel("Model", new CreateModelOptions
        {
            ModelName = JsonPath.StringAt("$.names.model"),
            ExecutionRoleArn = Role,
            PrimaryContainer = new ContainerDefinition { Image = "img", ModelDataUrl = JsonPath.StringAt("$.train.ModelArtifacts.S3ModelArtifacts"), Environment = new Dictionary<string, Field<string>> { ["MODE"] = "serve" } },
        });
        var pipeline = new SageMakerCreateModel("Pipeline", new CreateModelOptions
        {
            ModelName = "p", ExecutionRoleArn = Role, Containers = [new ContainerDefinition { Image = "pre" }, new ContainerDefinition { Image = "model" }], InferenceExecutionMode = InferenceExecutionMode.Serial,
        });

        Assert.Multiple(() =>
        {
            Assert.That(State(single, "Model")["Parameters"], Is.EqualTo(Expected($$$"""
                {"ModelName.$": "$.names.model",
                 "PrimaryContainer": {"Image": "img", "ModelDataUrl.$": "$.train.ModelArtifacts.S3ModelArtifacts", "Environment": {"MODE": "serve"}},
                 "ExecutionRoleArn": "{{{Role}}}"}
                """)));
            Assert.That(State(pipeline, "Pipeline")["Parameters"], Is.EqualTo(Expected($$$"""
                {"ModelName": "p", "Containers": [{"Image": "pre"}, {"Image": "model"}], "InferenceExecutionConfig": {"Mode": "Serial"}, "ExecutionRoleArn": "{{{Role}}}"}
                """)));
            Assert.That(() => new SageMakerCreateModel("Both", new CreateModelOptions { ModelName = "m", ExecutionRoleArn = Role, PrimaryContainer = new ContainerDefinition { Image = "a" }, Containers = [] }),
                Throws.ArgumentException.With.Message.Contains("exactly one of PrimaryContainer and Containers"));
        });
    }

    [Test]
    public void Endpoint_config_endpoint_update_and_describe_render_their_requests()
    {
        var config = new SageMakerCreateEndpointConfig("Config", new CreateEndpointConfigOptions
        {
            EndpointConfigName = JsonPath.StringAt("$.names.config"),
            ProductionVariants = [new ProductionVariant { ModelName = JsonPath.StringAt("$.names.model"), InstanceType = "ml.m5.large" }],
            DataCaptureConfig = new DataCaptureConfig { DestinationS3Uri = "s3://capture/", InitialSamplingPercentage = 20 },
        });
        var create = new SageMakerCreateEndpoint("Create", new CreateEndpointOptions { EndpointName = "sagebuild-dev", EndpointConfigName = JsonPath.StringAt("$.names.config") });
        var update = new SageMakerUpdateEndpoint("Update", new UpdateEndpointOptions
        {
            EndpointName = "sagebuild-dev", EndpointConfigName = JsonPath.StringAt("$.names.config"), DeploymentConfig = DeploymentConfig.Canary(10, 300, "sagebuild-dev-errors"),
        });
        var describe = State(new SageMakerDescribeEndpoint("Describe", new DescribeEndpointOptions { EndpointName = "sagebuild-dev" }), "Describe");

        Assert.Multiple(() =>
        {
            Assert.That(State(config, "Config")["Parameters"], Is.EqualTo(Expected("""
                {"EndpointConfigName.$": "$.names.config",
                 "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName.$": "$.names.model", "InitialInstanceCount": 1, "InstanceType": "ml.m5.large", "InitialVariantWeight": 1}],
                 "DataCaptureConfig": {"EnableCapture": true, "InitialSamplingPercentage": 20, "DestinationS3Uri": "s3://capture/",
                                       "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}]}}
                """)));
            Assert.That(State(create, "Create")["Parameters"], Is.EqualTo(Expected("""{"EndpointName": "sagebuild-dev", "EndpointConfigName.$": "$.names.config"}""")));
            Assert.That(State(update, "Update")["Parameters"], Is.EqualTo(Expected("""
                {"EndpointName": "sagebuild-dev", "EndpointConfigName.$": "$.names.config",
                 "DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": 300,
                                                                                                "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10}}},
                                      "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "sagebuild-dev-errors"}]}}}
                """)));
            Assert.That(describe["Resource"], Is.EqualTo(Expected("\"arn:aws:states:::aws-sdk:sagemaker:describeEndpoint\"")));
            Assert.That(describe["Parameters"], Is.EqualTo(Expected("""{"EndpointName": "sagebuild-dev"}""")));
        });
    }

    [Test]
    public void CodeBuild_start_build_pins_the_commit_and_overrides_environment_variables()
    {
        var task = new CodeBuildStartBuild("BuildImage", new CodeBuildStartBuildOptions
        {
            IntegrationPattern = IntegrationPattern.RunJob,
            ProjectName = "sagebuild-dev-images",
            SourceVersion = JsonPath.StringAt("$.commit"),
            EnvironmentVariablesOverride = [new CodeBuildEnvironmentVariable("IMAGE_TAG", JsonPath.Format("Training_v{}", "$.build"))],
        });

        var state = State(task, "BuildImage");

        Assert.Multiple(() =>
        {
            Assert.That(state["Resource"], Is.EqualTo(Expected("\"arn:aws:states:::codebuild:startBuild.sync\"")));
            Assert.That(state["Parameters"], Is.EqualTo(Expected("""
                {"ProjectName": "sagebuild-dev-images", "SourceVersion.$": "$.commit",
                 "EnvironmentVariablesOverride": [{"Name": "IMAGE_TAG", "Value.$": "States.Format('Training_v{}', $.build)", "Type": "PLAINTEXT"}]}
                """)));
        });
    }

    [Test]
    public void Sns_publish_renders_topic_subject_and_message()
    {
        var task = new SnsPublish("Notify", new SnsPublishOptions
        {
            TopicArn = "arn:aws:sns:eu-west-1:111122223333:sagebuild-status",
            Subject = JsonPath.Format("Build {} succeeded", "$.build"),
            Message = TaskInput.FromObject(("build", JsonPath.StringAt("$.build")), ("status", "SUCCEEDED")),
        });

        Assert.That(State(task, "Notify")["Parameters"], Is.EqualTo(Expected("""
            {"TopicArn": "arn:aws:sns:eu-west-1:111122223333:sagebuild-status", "Message": {"build.$": "$.build", "status": "SUCCEEDED"},
             "Subject.$": "States.Format('Build {} succeeded', $.build)"}
            """)));
    }

    [Test]
    public void Start_execution_sync_uses_version_2_and_can_link_the_child_to_its_parent()
    {
        var task = new StepFunctionsStartExecution("Etl", new StepFunctionsStartExecutionOptions
        {
            IntegrationPattern = IntegrationPattern.RunJob,
            StateMachineArn = JsonPath.StringAt("$.config.etlStateMachineArn"),
            Input = TaskInput.FromObject(("build", JsonPath.StringAt("$.build"))),
            AssociateWithParent = true,
        });

        var state = State(task, "Etl");

        Assert.Multiple(() =>
        {
            Assert.That(state["Resource"], Is.EqualTo(Expected("\"arn:aws:states:::states:startExecution.sync:2\"")));
            Assert.That(state["Parameters"], Is.EqualTo(Expected("""
                {"StateMachineArn.$": "$.config.etlStateMachineArn",
                 "Input": {"build.$": "$.build", "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"}}
                """)));
            Assert.That(() => new StepFunctionsStartExecution("X", new StepFunctionsStartExecutionOptions { StateMachineArn = "a", AssociateWithParent = true, Input = JsonPath.ValueAt("$.x") }),
                Throws.ArgumentException.With.Message.Contains("Input must be an object template"));
        });
    }

    [Test]
    public void DynamoDB_tasks_render_typed_attribute_values_with_sorted_keys()
    {
        var put = new DynamoPutItem("Record", new DynamoPutItemOptions
        {
            TableName = "sagebuild-dev-builds",
            Item = new Dictionary<string, DynamoAttributeValue>
            {
                ["pk"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.build")),
                ["auc"] = DynamoAttributeValue.NumberFromString(JsonPath.Format("{}", "$.metrics.auc")),
                ["deployed"] = DynamoAttributeValue.FromBoolean(false),
                ["attempt"] = DynamoAttributeValue.FromNumber(1),
            },
            ConditionExpression = "attribute_not_exists(pk)",
        });
        var update = new DynamoUpdateItem("NextBuildNumber", new DynamoUpdateItemOptions
        {
            TableName = "sagebuild-dev-builds",
            Key = new Dictionary<string, DynamoAttributeValue> { ["pk"] = DynamoAttributeValue.FromString("counter") },
            UpdateExpression = "ADD #n :one",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#n"] = "next" },
            ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue> { [":one"] = DynamoAttributeValue.FromNumber(1) },
            ReturnValues = DynamoReturnValues.UPDATED_NEW,
        });
        var get = new DynamoGetItem("Production", new DynamoGetItemOptions { TableName = "sagebuild-dev-builds", Key = new Dictionary<string, DynamoAttributeValue> { ["pk"] = DynamoAttributeValue.FromString("production") }, ConsistentRead = true });

        Assert.Multiple(() =>
        {
            Assert.That(State(put, "Record")["Parameters"], Is.EqualTo(Expected("""
                {"TableName": "sagebuild-dev-builds",
                 "Item": {"attempt": {"N": "1"}, "auc": {"N.$": "States.Format('{}', $.metrics.auc)"}, "deployed": {"BOOL": false}, "pk": {"S.$": "$.build"}},
                 "ConditionExpression": "attribute_not_exists(pk)"}
                """)));
            Assert.That(State(update, "NextBuildNumber"), Is.EqualTo(Expected("""
                {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:updateItem",
                 "Parameters": {"TableName": "sagebuild-dev-builds", "Key": {"pk": {"S": "counter"}}, "UpdateExpression": "ADD #n :one",
                                "ReturnValues": "UPDATED_NEW", "ExpressionAttributeNames": {"#n": "next"}, "ExpressionAttributeValues": {":one": {"N": "1"}}},
                 "End": true}
                """)));
            Assert.That(State(get, "Production")["Parameters"], Is.EqualTo(Expected("""{"TableName": "sagebuild-dev-builds", "Key": {"pk": {"S": "production"}}, "ConsistentRead": true}""")));
        });
    }

    [Test]
    public void Ssm_parameter_tasks_use_the_aws_sdk_integration()
    {
        var get = new SsmGetParameter("ReadConfig", new SsmGetParameterOptions { Name = "/sagebuild/dev/config", ResultSelector = TaskInput.FromObject(("config", JsonPath.StringToJson("$.Parameter.Value"))) });
        var put = State(new SsmPutParameter("WriteConfig", new SsmPutParameterOptions { Name = "/sagebuild/dev/config", Value = JsonPath.JsonToString("$.config"), Overwrite = true, Type = "String" }), "WriteConfig");

        Assert.Multiple(() =>
        {
            Assert.That(State(get, "ReadConfig"), Is.EqualTo(Expected("""
                {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ssm:getParameter", "Parameters": {"Name": "/sagebuild/dev/config"},
                 "ResultSelector": {"config.$": "States.StringToJson($.Parameter.Value)"}, "End": true}
                """)));
            Assert.That(put["Resource"], Is.EqualTo(Expected("\"arn:aws:states:::aws-sdk:ssm:putParameter\"")));
            Assert.That(put["Parameters"], Is.EqualTo(Expected("""{"Name": "/sagebuild/dev/config", "Value.$": "States.JsonToString($.config)", "Type": "String", "Overwrite": true}""")));
        });
    }

    [Test]
    public void A_task_with_credentials_renders_the_role_in_either_form()
    {
        var literal = new SsmGetParameter("A", new SsmGetParameterOptions { Name = "p", Credentials = "arn:aws:iam::1:role/reader" });
        var dynamic = new SsmGetParameter("B", new SsmGetParameterOptions { Name = "p", Credentials = JsonPath.StringAt("$.role") });

        Assert.Multiple(() =>
        {
            Assert.That(State(literal, "A")["Credentials"], Is.EqualTo(Expected("""{"RoleArn": "arn:aws:iam::1:role/reader"}""")));
            Assert.That(State(dynamic, "B")["Credentials"], Is.EqualTo(Expected("""{"RoleArn.$": "$.role"}""")));
        });
    }

    [Test]
    public void Call_aws_service_renders_any_sdk_call_and_refuses_a_PascalCase_action()
    {
        var task = new CallAwsService("DeleteOldModel", new CallAwsServiceOptions
        {
            Service = "sagemaker", Action = "deleteModel", Parameters = TaskInput.FromObject(("ModelName", JsonPath.StringAt("$.old"))), IamResources = ["arn:aws:sagemaker:*:*:model/sagebuild-*"],
        });

        Assert.Multiple(() =>
        {
            Assert.That(State(task, "DeleteOldModel")["Resource"], Is.EqualTo(Expected("\"arn:aws:states:::aws-sdk:sagemaker:deleteModel\"")));
            Assert.That(() => new CallAwsService("X", new CallAwsServiceOptions { Service = "s3", Action = "GetObject", IamResources = ["r"] }),
                Throws.ArgumentException.With.Message.Contains("camelCase"));
        });
    }
}
