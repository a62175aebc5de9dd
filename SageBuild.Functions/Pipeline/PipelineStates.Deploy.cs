using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;
using SageBuild.StateMachines.Tasks.SageMaker;
using SageBuild.StateMachines.Tasks.DynamoDb;
using SageBuild.StateMachines.Tasks.StepFunctions;

namespace SageBuild.Functions.Pipeline;

/// <summary>The model, its endpoint config, the deploy with its wait loop and checks, the rollback, and what follows a deploy.</summary>
internal sealed partial class PipelineStates
{
    public IChainable ModelConfig() => Step("ModelConfig", "model-config",
        TaskInput.FromObject([.. StepInput, ("trained", Path("$.trained"))]),
        "$.modelPlan", _shape.Steps.ModelConfig?.LambdaArn, "modelName", "artifact", "pipeline", "inferenceImage", "request");

    /// <summary>CreateModel with one container, or with the containers of an inference pipeline.</summary>
    public Chain CreateModel()
    {
        SageMakerCreateModel Create(string name, bool pipeline) => Guarded(new SageMakerCreateModel(name, new CreateModelOptions
        {
            ModelName = Named("$.plan.suffixes.model"),
            ExecutionRoleArn = _o.HostingRoleArn,
            PrimaryContainer = pipeline ? null : new ContainerDefinition { Image = JsonPath.StringAt("$.modelPlan.request.PrimaryContainer.Image") },
            Containers = pipeline ? [new ContainerDefinition { Image = JsonPath.StringAt("$.modelPlan.request.Containers[0].Image") }] : null,
            AdditionalParameters = FromPlan("$.modelPlan.request", pipeline ? "Containers" : "PrimaryContainer", "Tags"),
            ResultPath = JsonPath.DiscardResult,
        }));
        var single = Create("CreateModel", pipeline: false);
        var pipelineModel = Create("CreatePipelineModel", pipeline: true);
        return new Choice("InferencePipeline?").When(Condition.BooleanEquals("$.modelPlan.pipeline", true), pipelineModel).Otherwise(single).Afterwards();
    }

    public IChainable EndpointConfig() => Step("EndpointConfig", "endpoint-config",
        TaskInput.FromObject([.. StepInput, ("now", JsonPath.Context.StateEnteredTime)]),
        "$.endpointPlan", _shape.Steps.EndpointConfig?.LambdaArn,
        "endpointConfigName", "request", "deploymentConfig", "pollSeconds", "deadline", "restoreDeadline", "smokeTest");

    public IChainable CreateEndpointConfig() => Guarded(new SageMakerCreateEndpointConfig("CreateEndpointConfig", new CreateEndpointConfigOptions
    {
        EndpointConfigName = Named("$.plan.suffixes.endpointConfig"),
        ProductionVariants = [new ProductionVariant { ModelName = Named("$.plan.suffixes.model"), InstanceType = JsonPath.StringAt("$.settings.config.hosting.instanceType") }],
        AdditionalParameters = FromPlan("$.endpointPlan.request", "ProductionVariants", "DataCaptureConfig", "Tags"),
        ResultPath = JsonPath.DiscardResult,
    }));

    /// <summary>
    /// Creates the endpoint, or updates it with the guardrails; waits until it serves the new config (endpoints have
    /// no .sync), smoke-tests it, and rolls back on any failure. <paramref name="deployed"/> follows a good deploy.
    /// </summary>
    public Chain Deploy(IChainable deployed, IChainable rolledBack)
    {
        var rollback = Rollback(rolledBack);
        var wait = new Wait("WaitForEndpoint", WaitTime.SecondsPath("$.endpointPlan.pollSeconds"));
        var check = Guarded(new SageMakerDescribeEndpoint("CheckEndpoint", new DescribeEndpointOptions
        {
            EndpointName = _o.EndpointName,
            ResultSelector = TaskInput.FromObject(("status", JsonPath.StringAt("$.EndpointStatus")), ("config", JsonPath.StringAt("$.EndpointConfigName")), ("checkedAt", JsonPath.Context.StateEnteredTime)),
            ResultPath = "$.endpoint",
        }));
        var smoke = new CallAwsService("SmokeTest", new CallAwsServiceOptions
        {
            Service = "sagemakerruntime",
            Action = "invokeEndpoint",
            IamAction = "sagemaker:InvokeEndpoint",
            IamResources = [EndpointArn],
            Parameters = TaskInput.FromObject(
                ("EndpointName", _o.EndpointName),
                ("Body", JsonPath.StringAt("$.endpointPlan.smokeTest.body")),
                ("ContentType", JsonPath.StringAt("$.endpointPlan.smokeTest.contentType"))),
            ResultSelector = TaskInput.FromObject(("contentType", JsonPath.StringAt("$.ContentType"))),
            ResultPath = "$.smoke",
        });

        // Any failure of the smoke invocation (after the transient retries) rolls the deploy back.
        smoke.AddRetry(Retries.TransientAws).AddCatch(Reason("SmokeTestFailed", "the smoke invocation of the new endpoint failed", rollback), new CatcherOptions { ResultPath = "$.smokeError" });
        var smokeChoice = new Choice("SmokeTest?").When(Condition.BooleanEquals("$.settings.flags.smokeTest", true), smoke).Otherwise(deployed);
        smoke.Next(deployed);
        var ready = new Choice("EndpointReady")
            .When(Condition.And(Condition.StringEquals("$.endpoint.status", "InService"), Condition.StringEqualsPath("$.endpoint.config", "$.endpointPlan.endpointConfigName")), smokeChoice)
            .When(Condition.StringEquals("$.endpoint.status", "InService"), Reason("UpdateRolledBack", "SageMaker rolled the update back: an alarm fired or the new fleet failed", rollback))
            .When(Condition.StringEquals("$.endpoint.status", "Failed"), Reason("EndpointFailed", "the endpoint failed", rollback))
            .When(Condition.TimestampGreaterThanPath("$.endpoint.checkedAt", "$.endpointPlan.deadline"), Reason("EndpointTimedOut", "the endpoint was not ready in time", rollback))
            .Otherwise(wait);
        wait.Next(check).Next(ready);

        var create = Guarded(new SageMakerCreateEndpoint("CreateEndpoint", new CreateEndpointOptions
        {
            EndpointName = _o.EndpointName,
            EndpointConfigName = Named("$.plan.suffixes.endpointConfig"),
            ResultPath = JsonPath.DiscardResult,
        }));
        create.Next(wait);
        var update = Guarded(new SageMakerUpdateEndpoint("UpdateEndpoint", new UpdateEndpointOptions
        {
            EndpointName = _o.EndpointName,
            EndpointConfigName = Named("$.plan.suffixes.endpointConfig"),
            AdditionalParameters = TaskInput.FromObject(("DeploymentConfig", Path("$.endpointPlan.deploymentConfig"))),
            ResultPath = JsonPath.DiscardResult,
            Comment = "Blue/green with the configured traffic shifting and auto-rollback alarms",
        }));
        update.Next(wait);
        var first = Note("FirstDeployment", "$.deployment", JsonObject.Create(("first", true)));
        first.Next(create);
        var again = new Pass("UpdateDeployment", new PassOptions
        {
            Parameters = TaskInput.FromObject(("first", false), ("previousConfig", JsonPath.StringAt("$.current.config"))),
            ResultPath = "$.deployment",
        });
        again.Next(update);

        // A missing endpoint is an error of DescribeEndpoint: then this is the first deployment.
        var current = new SageMakerDescribeEndpoint("DescribeCurrentEndpoint", new DescribeEndpointOptions
        {
            EndpointName = _o.EndpointName,
            ResultSelector = TaskInput.FromObject(("config", JsonPath.StringAt("$.EndpointConfigName")), ("status", JsonPath.StringAt("$.EndpointStatus"))),
            ResultPath = "$.current",
        });
        current.AddRetry(new RetrierOptions { ErrorEquals = ["SageMaker.ThrottlingException", "ThrottlingException"], IntervalSeconds = 2, MaxAttempts = 6, BackoffRate = 2, Jitter = StateMachines.Model.JitterStrategy.FULL });
        current.AddCatch(first, new CatcherOptions { ErrorEquals = ["SageMaker.AmazonSageMakerException", "SageMaker.ResourceNotFoundException", "SageMaker.ValidationException"], ResultPath = "$.current" });
        current.AddCatch(_failure, new CatcherOptions { ResultPath = "$.failed.DescribeCurrentEndpoint" });
        current.Next(again);
        return Chain.Start(current);
    }

    /// <summary>
    /// The previous config keeps serving: a first endpoint that failed is deleted; an endpoint already switched to the
    /// new config (the smoke test failed) is switched back; then the new config and model are deleted.
    /// </summary>
    private Chain Rollback(IChainable rolledBack)
    {
        var deleteModel = SageMakerCall("DeleteNewModel", "deleteModel", "model", TaskInput.FromObject(("ModelName", Named("$.plan.suffixes.model"))));
        deleteModel.AddRetry(Retries.TransientAws).AddCatch(rolledBack, new CatcherOptions { ResultPath = "$.cleanupError" });
        deleteModel.Next(rolledBack);
        var deleteConfig = SageMakerCall("DeleteNewEndpointConfig", "deleteEndpointConfig", "endpoint-config", TaskInput.FromObject(("EndpointConfigName", Named("$.plan.suffixes.endpointConfig"))));
        deleteConfig.AddRetry(Retries.TransientAws).AddCatch(deleteModel, new CatcherOptions { ResultPath = "$.cleanupError" });
        deleteConfig.Next(deleteModel);

        var deleteEndpoint = new CallAwsService("DeleteFailedEndpoint", new CallAwsServiceOptions
        {
            Service = "sagemaker",
            Action = "deleteEndpoint",
            Parameters = TaskInput.FromObject(("EndpointName", _o.EndpointName)),
            IamResources = [EndpointArn],
            ResultPath = JsonPath.DiscardResult,
        });
        deleteEndpoint.AddRetry(Retries.TransientAws).AddCatch(deleteConfig, new CatcherOptions { ResultPath = "$.cleanupError" });
        deleteEndpoint.Next(deleteConfig);

        // The guard below lets only configs named with the stack's prefix through, so the grant is scoped to that
        // prefix (the typed name); the request carries the previous config's name as DescribeEndpoint gave it.
        var restore = new SageMakerUpdateEndpoint("RestorePreviousConfig", new UpdateEndpointOptions
        {
            EndpointName = _o.EndpointName,
            EndpointConfigName = JsonPath.Format(_prefix + "{}", "$.deployment.previousConfig"),
            AdditionalParameters = TaskInput.FromObject(("EndpointConfigName", JsonPath.StringAt("$.deployment.previousConfig"))),
            ResultPath = JsonPath.DiscardResult,
        });
        restore.AddRetry(Retries.TransientAws).AddCatch(deleteConfig, new CatcherOptions { ResultPath = "$.cleanupError" });
        var wait = new Wait("WaitForRestore", WaitTime.SecondsPath("$.endpointPlan.pollSeconds"));
        var check = new SageMakerDescribeEndpoint("CheckRestore", new DescribeEndpointOptions
        {
            EndpointName = _o.EndpointName,
            ResultSelector = TaskInput.FromObject(("status", JsonPath.StringAt("$.EndpointStatus")), ("config", JsonPath.StringAt("$.EndpointConfigName")), ("checkedAt", JsonPath.Context.StateEnteredTime)),
            ResultPath = "$.endpoint",
        });
        check.AddRetry(Retries.TransientAws).AddCatch(deleteConfig, new CatcherOptions { ResultPath = "$.cleanupError" });
        var restored = new Choice("Restored")
            .When(Condition.StringEquals("$.endpoint.status", "InService"), deleteConfig)
            .When(Condition.StringEquals("$.endpoint.status", "Failed"), deleteConfig)
            .When(Condition.TimestampGreaterThanPath("$.endpoint.checkedAt", "$.endpointPlan.restoreDeadline"), deleteConfig)
            .Otherwise(wait);
        restore.Next(wait).Next(check).Next(restored);

        var switchedBack = new Choice("NewConfigLive")
            .When(Condition.And(
                Condition.IsPresent("$.endpoint.config"),
                Condition.StringEqualsPath("$.endpoint.config", "$.endpointPlan.endpointConfigName"),
                Condition.StringMatches("$.deployment.previousConfig", _prefix + "*")), restore)
            .Otherwise(deleteConfig);
        return Chain.Start(new Choice("FirstEndpoint")
            .When(Condition.BooleanEquals("$.deployment.first", true), deleteEndpoint)
            .Otherwise(switchedBack));
    }

    private static Pass Reason(string name, string reason, IChainable next)
    {
        var pass = new Pass(name, new PassOptions
        {
            Parameters = TaskInput.FromObject(("reason", reason), ("endpoint", Path("$.endpoint"))),
            ResultPath = "$.rollback",
        });
        pass.Next(next);
        return pass;
    }

    /// <summary>After a good deploy: the ledger (the model registry), retention, and the PostProcess hook.</summary>
    public Chain AfterDeploy()
    {
        var readDeployments = Guarded(new DynamoGetItem("ReadDeployments", new DynamoGetItemOptions
        {
            TableName = _o.LedgerTableName,
            Key = Key("deployments"),
            ConsistentRead = true,
            ResultPath = "$.deployments",
        }));
        var retention = Step("Retention", "retention", TaskInput.FromObject(
                ("deployments", Path("$.deployments")),
                ("current", TaskInput.FromObject(("build", Path("$.build.id")), ("model", Path("$.modelPlan.modelName")), ("endpointConfig", Path("$.endpointPlan.endpointConfigName")))),
                ("retention", Path("$.settings.config.retention"))),
            "$.retention", null, "deleteModels", "deleteEndpointConfigs", "item");
        var putDeployments = PutItem("PutDeployments", "$.retention.item", ["pk", "history"]);
        var chain = Chain.Start(readDeployments).Next(retention)
            .Next(DeleteEach("DeleteOldModels", "$.retention.deleteModels", "deleteModel", "model", "ModelName"))
            .Next(DeleteEach("DeleteOldEndpointConfigs", "$.retention.deleteEndpointConfigs", "deleteEndpointConfig", "endpoint-config", "EndpointConfigName"))
            .Next(putDeployments);
        if (_shape.Hooks.PostProcessStateMachineArn is not { } arn)
            return chain;
        var run = Guarded(new StepFunctionsStartExecution("RunPostProcess", new StepFunctionsStartExecutionOptions
        {
            IntegrationPattern = IntegrationPattern.RunJob,
            StateMachineArn = arn,
            Input = TaskInput.FromObject(("build", Path("$.build")), ("endpoint", _o.EndpointName), ("model", Path("$.modelPlan.modelName")), ("gate", Path("$.gate"))),
            AssociateWithParent = true,
            ResultSelector = TaskInput.FromObject(("output", Path("$.Output"))),
            ResultPath = "$.postProcess",
        }));
        var skip = new Pass("NoPostProcess");
        return chain.Next(new Choice("RunPostProcess?").When(Condition.BooleanEquals("$.settings.flags.postProcess", true), run).Otherwise(skip).Afterwards());
    }

    private Map DeleteEach(string name, string itemsPath, string action, string resourceType, string field)
    {
        var delete = SageMakerCall(name[..^1].Replace("Old", "Old", StringComparison.Ordinal), action, resourceType, TaskInput.FromObject((field, JsonPath.StringAt("$"))));
        var gone = new Pass($"{name[..^1]}Gone", new PassOptions { Comment = "Already deleted: nothing to do" });
        delete.AddRetry(Retries.TransientAws).AddCatch(gone, new CatcherOptions { ResultPath = JsonPath.DiscardResult });
        var map = new Map(name, new MapOptions { ItemsPath = itemsPath, MaxConcurrency = 2, ResultPath = JsonPath.DiscardResult });
        map.ItemProcessor(delete);
        return map;
    }
}
