using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Tasks;
using SageBuild.StateMachines.Tasks.CodeBuild;
using SageBuild.StateMachines.Tasks.DynamoDb;
using SageBuild.StateMachines.Tasks.Lambda;
using SageBuild.StateMachines.Tasks.SageMaker;
using SageBuild.StateMachines.Tasks.Sns;
using SageBuild.StateMachines.Tasks.Ssm;
using SageBuild.StateMachines.Tasks.StepFunctions;

namespace SageBuild.Tests.StateMachines.Iam;

public sealed class TaskPolicyTests
{
    private const string P = ArnContext.PartitionToken;
    private const string R = ArnContext.RegionToken;
    private const string A = ArnContext.AccountToken;
    private const string Role = "arn:aws:iam::111122223333:role/sagebuild-sagemaker";

    private static IReadOnlyList<PolicyStatement> PolicyOf(IChainable definition) => StateMachine.Define("Pipeline", definition).PolicyStatements();

    private static CreateTrainingJobOptions Training(IntegrationPattern pattern, Field<string> name) => new()
    {
        IntegrationPattern = pattern,
        TrainingJobName = name,
        AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = "img" },
        RoleArn = Role,
        OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://b/" },
    };

    [Test]
    public void A_sync_training_job_gets_its_job_actions_a_conditional_PassRole_and_the_managed_rule()
    {
        var statements = PolicyOf(new SageMakerCreateTrainingJob("Train", Training(IntegrationPattern.RunJob, JsonPath.Format("sagebuild-dev-{}", "$.build"))));

        Assert.That(statements.Select(s => s.ToString()), Is.EquivalentTo(new[]
        {
            $$$$"""{"Effect":"Allow","Action":["events:DescribeRule","events:PutRule","events:PutTargets"],"Resource":["arn:{{{{P}}}}:events:{{{{R}}}}:{{{{A}}}}:rule/StepFunctionsGetEventsForSageMakerTrainingJobsRule"]}""",
            $$$$"""{"Effect":"Allow","Action":["iam:PassRole"],"Resource":["{{{{Role}}}}"],"Condition":{"StringEquals":{"iam:PassedToService":"sagemaker.amazonaws.com"}}}""",
            $$$$"""{"Effect":"Allow","Action":["sagemaker:CreateTrainingJob","sagemaker:DescribeTrainingJob","sagemaker:StopTrainingJob"],"Resource":["arn:{{{{P}}}}:sagemaker:{{{{R}}}}:{{{{A}}}}:training-job/sagebuild-dev-*"]}""",
        }));
    }

    [Test]
    public void A_request_response_training_job_only_creates_and_a_dynamic_name_widens_to_every_job()
    {
        var statements = PolicyOf(new SageMakerCreateTrainingJob("Train", Training(IntegrationPattern.RequestResponse, JsonPath.StringAt("$.name"))));

        var job = statements.Single(s => s.Actions.Any(a => a.StartsWith("sagemaker:", StringComparison.Ordinal)));
        Assert.Multiple(() =>
        {
            Assert.That(job.Actions, Is.EqualTo(new[] { "sagemaker:CreateTrainingJob" }));
            Assert.That(job.Resources, Is.EqualTo(new[] { $"arn:{P}:sagemaker:{R}:{A}:training-job/*" }));
            Assert.That(statements.Any(s => s.Actions.Contains("events:PutRule")), Is.False);
        });
    }

    [Test]
    public void Literal_SageMaker_names_are_scoped_exactly_and_lower_cased_as_SageMaker_writes_them_in_ARNs()
    {
        var statements = PolicyOf(new SageMakerDescribeEndpoint("Describe", new DescribeEndpointOptions { EndpointName = "SageBuild-Dev" }));

        Assert.That(statements.Single().Resources, Is.EqualTo(new[] { $"arn:{P}:sagemaker:{R}:{A}:endpoint/sagebuild-dev" }));
    }

    [Test]
    public void Creating_or_updating_an_endpoint_is_granted_on_the_endpoint_and_its_config()
    {
        var update = new SageMakerUpdateEndpoint("Update", new UpdateEndpointOptions { EndpointName = "sagebuild-dev", EndpointConfigName = JsonPath.Format("sagebuild-dev-config-{}", "$.build") });

        Assert.That(PolicyOf(update).Single().Resources, Is.EquivalentTo(new[]
        {
            $"arn:{P}:sagemaker:{R}:{A}:endpoint/sagebuild-dev", $"arn:{P}:sagemaker:{R}:{A}:endpoint-config/sagebuild-dev-config-*",
        }));
    }

    [Test]
    public void Tags_add_the_AddTags_permission_on_the_tagged_resource()
    {
        var model = new SageMakerCreateModel("Model", new CreateModelOptions
        {
            ModelName = "m", ExecutionRoleArn = Role, PrimaryContainer = new ContainerDefinition { Image = "i" }, Tags = new Dictionary<string, string> { ["project"] = "sagebuild" },
        });

        Assert.That(PolicyOf(model).Single(s => s.Actions.Contains("sagemaker:CreateModel")).Actions, Does.Contain("sagemaker:AddTags"));
    }

    [Test]
    public void Tuning_sync_uses_the_tuning_rule_and_can_list_its_training_jobs()
    {
        var tune = new SageMakerCreateHyperParameterTuningJob("Tune", new CreateHyperParameterTuningJobOptions
        {
            IntegrationPattern = IntegrationPattern.RunJob, HyperParameterTuningJobName = "t", ObjectiveType = TuningObjectiveType.Minimize, ObjectiveMetricName = "loss",
            MaxNumberOfTrainingJobs = 4, MaxParallelTrainingJobs = 2, AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = "i" }, RoleArn = Role,
            OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://b/" },
        });

        var statements = PolicyOf(tune);

        Assert.Multiple(() =>
        {
            Assert.That(statements.SelectMany(s => s.Resources), Does.Contain($"arn:{P}:events:{R}:{A}:rule/StepFunctionsGetEventsForSageMakerTuningJobsRule"));
            Assert.That(statements.SelectMany(s => s.Actions), Does.Contain("sagemaker:ListTrainingJobsForHyperParameterTuningJob"));
        });
    }

    [Test]
    public void Start_execution_sync_may_describe_and_stop_the_child_executions_of_that_machine_only()
    {
        var etl = new StepFunctionsStartExecution("Etl", new StepFunctionsStartExecutionOptions
        {
            IntegrationPattern = IntegrationPattern.RunJob, StateMachineArn = "arn:aws:states:eu-west-1:111122223333:stateMachine:etl",
        });

        Assert.That(PolicyOf(etl).Select(s => (string.Join(",", s.Actions), string.Join(",", s.Resources))), Is.EquivalentTo(new[]
        {
            ("states:StartExecution", "arn:aws:states:eu-west-1:111122223333:stateMachine:etl"),
            ("states:DescribeExecution,states:StopExecution", "arn:aws:states:eu-west-1:111122223333:execution:etl:*"),
            ("events:DescribeRule,events:PutRule,events:PutTargets", $"arn:{P}:events:{R}:{A}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"),
        }));
    }

    [Test]
    public void CodeBuild_sync_can_start_stop_and_read_builds_of_its_project_and_uses_the_CodeBuild_rule()
    {
        var build = new CodeBuildStartBuild("Build", new CodeBuildStartBuildOptions { IntegrationPattern = IntegrationPattern.RunJob, ProjectName = "sagebuild-dev-images" });

        var statements = PolicyOf(build);

        Assert.Multiple(() =>
        {
            Assert.That(statements.Single(s => s.Actions.Contains("codebuild:StartBuild")).Resources, Is.EqualTo(new[] { $"arn:{P}:codebuild:{R}:{A}:project/sagebuild-dev-images" }));
            Assert.That(statements.SelectMany(s => s.Resources), Does.Contain($"arn:{P}:events:{R}:{A}:rule/StepFunctionsGetEventsForCodeBuildStartBuildRule"));
        });
    }

    [Test]
    public void Lambda_grants_the_function_and_its_qualifiers()
    {
        var statements = PolicyOf(new LambdaInvoke("Config", new LambdaInvokeOptions { FunctionName = "sagebuild-config" }));

        Assert.That(statements.Single().Resources, Is.EquivalentTo(new[] { $"arn:{P}:lambda:{R}:{A}:function:sagebuild-config", $"arn:{P}:lambda:{R}:{A}:function:sagebuild-config:*" }));
    }

    [Test]
    public void Data_tasks_are_scoped_to_their_table_parameter_and_topic()
    {
        var chain = Chain.Start(new DynamoGetItem("Get", new DynamoGetItemOptions { TableName = "builds", Key = new Dictionary<string, DynamoAttributeValue> { ["pk"] = DynamoAttributeValue.FromString("x") } }))
            .Next(new SsmGetParameter("Config", new SsmGetParameterOptions { Name = "/sagebuild/dev/config" }))
            .Next(new SsmPutParameter("Save", new SsmPutParameterOptions { Name = JsonPath.Format("/sagebuild/dev/builds/{}", "$.build"), Value = "v" }))
            .Next(new SnsPublish("Notify", new SnsPublishOptions { TopicArn = JsonPath.StringAt("$.topic"), Message = "m" }));

        Assert.That(PolicyOf(chain).Select(s => (s.Actions.Single(), s.Resources.Single())), Is.EquivalentTo(new[]
        {
            ("dynamodb:GetItem", $"arn:{P}:dynamodb:{R}:{A}:table/builds"),
            ("ssm:GetParameter", $"arn:{P}:ssm:{R}:{A}:parameter/sagebuild/dev/config"),
            ("ssm:PutParameter", $"arn:{P}:ssm:{R}:{A}:parameter/sagebuild/dev/builds/*"),
            ("sns:Publish", $"arn:{P}:sns:{R}:{A}:*"),
        }));
    }

    [Test]
    public void Credentials_let_the_machine_assume_the_task_role()
    {
        var statements = PolicyOf(new SsmGetParameter("A", new SsmGetParameterOptions { Name = "p", Credentials = "arn:aws:iam::1:role/reader" }));

        Assert.That(statements.Single(s => s.Actions.Contains("sts:AssumeRole")).Resources, Is.EqualTo(new[] { "arn:aws:iam::1:role/reader" }));
    }

    [Test]
    public void Statements_come_up_through_Parallel_branches_and_Map_processors()
    {
        var map = new Map("Each").ItemProcessor(new SnsPublish("InMap", new SnsPublishOptions { TopicArn = "arn:aws:sns:r:1:in-map", Message = "m" }));
        var parallel = new ParallelBranches("Both").Branch(map, new SnsPublish("InBranch", new SnsPublishOptions { TopicArn = "arn:aws:sns:r:1:in-branch", Message = "m" }));

        Assert.That(PolicyOf(parallel).Single().Resources, Is.EquivalentTo(new[] { "arn:aws:sns:r:1:in-map", "arn:aws:sns:r:1:in-branch" }));
    }

    [Test]
    public void A_distributed_map_may_run_child_executions_of_its_own_machine_and_read_and_write_its_buckets()
    {
        var map = new Map("ScoreAll", new MapOptions
        {
            Mode = SageBuild.StateMachines.Model.ProcessorMode.DISTRIBUTED,
            ItemReader = ItemReaderOptions.S3Objects("data", "eval/"),
            ResultWriter = ResultWriterOptions.S3("results", "scores/"),
        }).ItemProcessor(new Pass("Score"));

        var statements = StateMachine.Define("Pipeline", map).PolicyStatements();

        Assert.That(statements.Select(s => (string.Join(",", s.Actions), string.Join(",", s.Resources))), Is.EquivalentTo(new[]
        {
            ("states:StartExecution", $"arn:{P}:states:{R}:{A}:stateMachine:Pipeline"),
            ("states:DescribeExecution,states:StopExecution", $"arn:{P}:states:{R}:{A}:execution:Pipeline:*"),
            ("s3:ListBucket", $"arn:{P}:s3:::data"),
            ("s3:AbortMultipartUpload,s3:GetObject,s3:ListMultipartUploadParts,s3:PutObject", $"arn:{P}:s3:::results/scores/*"),
        }));
    }
}
