using static SageBuild.Functions.Configuration.Schema.Specs;
using D = SageBuild.Functions.Configuration.ConfigurationDefaults;

namespace SageBuild.Functions.Configuration.Schema;

/// <summary>
/// Every key of the SageBuild configuration document, with its type, range, default and meaning. The reader checks
/// documents against it and <see cref="JsonSchemaWriter"/> renders the published JSON Schema from it.
/// </summary>
internal static class ConfigurationSpec
{
    public static readonly string[] FrameworkNames = ["byod", "builtin", "tensorflow", "pytorch", "mxnet", "sklearn", "chainer", "xgboost"];

    private static readonly ValueSpec Environment = Map("Environment variables of the container.", Text("The variable's value.", minLength: 0, maxLength: 1024), maxEntries: 100);

    private static readonly ValueSpec Channel = Object(
        "One input channel of the training job.",
        Key("name", Text("The channel's name, such as train or validation; the container reads it from /opt/ml/input/data/<name>.", maxLength: 64, pattern: "^[A-Za-z0-9\\.\\-_]+$", patternDescription: "letters, digits, '.', '-' and '_'"), required: true),
        Key("uri", S3Uri("Where the channel's data is."), required: true),
        Key("contentType", Text("The data's MIME type, such as text/csv.", maxLength: 256)),
        Key("dataType", OneOf("What the URI names.", "S3Prefix", "S3Prefix", "ManifestFile", "AugmentedManifestFile")),
        Key("distribution", OneOf("How the data is spread over the instances.", "FullyReplicated", "FullyReplicated", "ShardedByS3Key")),
        Key("inputMode", OneOf("How the container reads this channel; by default as the algorithm says.", null, "File", "Pipe", "FastFile")),
        Key("shuffle", Flag("Whether to shuffle the S3 objects before each epoch (Pipe mode).", false)),
        Key("shuffleSeed", Integer("The shuffle's seed, so a build can be repeated.", 0, long.MaxValue, 1)),
        Key("recordWrapper", OneOf("How the records are wrapped.", "None", "None", "RecordIO")),
        Key("compression", OneOf("The data's compression.", "None", "None", "Gzip")));

    private static readonly ValueSpec MetricDefinition = Object(
        "A metric the training job prints; the first group of the regex is its value.",
        Key("name", Text("The metric's name, such as validation:rmse.", maxLength: 255), required: true),
        Key("regex", Text("The regular expression that finds the value in the logs.", maxLength: 500), required: true));

    private static readonly ValueSpec Training = Object(
        "How models are trained.",
        Key("instanceType", InstanceType("The training instance type.", D.TrainingInstanceType)),
        Key("instanceCount", Integer("How many training instances.", 1, 100, D.TrainingInstanceCount)),
        Key("volumeSizeGb", Integer("The storage volume of each instance, in GB.", 1, 16384, D.VolumeSizeGb)),
        Key("maxRuntimeSeconds", Integer("The longest a training job may run; SageMaker stops it then.", 1, 2419200, D.MaxRuntimeSeconds)),
        Key("hyperparameters", Map("Hyperparameters passed to the training job (SageMaker passes every value as a string).", Scalar("The value.", 2500), maxEntries: 100)),
        Key("channels", List("The input channels; when none are given, one channel 'train' reads the stack's data bucket under its data prefix.", Channel, maxItems: 20)),
        Key("metricDefinitions", List("The metrics to read from the training logs (your own images and script mode).", MetricDefinition, maxItems: 40)),
        Key("environment", Environment));

    private static readonly ValueSpec Range = Object(
        "A numeric hyperparameter range.",
        Key("name", Text("The hyperparameter.", maxLength: 256), required: true),
        Key("min", Number("The lower bound."), required: true),
        Key("max", Number("The upper bound."), required: true),
        Key("scaling", OneOf("How the range is searched.", "Auto", "Auto", "Linear", "Logarithmic", "ReverseLogarithmic")));

    private static readonly ValueSpec Tuning = Object(
        "Hyperparameter tuning instead of one training job; the best job's model is the candidate.",
        Key("strategy", OneOf("How the next hyperparameters are picked.", "Bayesian", "Bayesian", "Random", "Hyperband", "Grid")),
        Key("objective", Object(
            "What the tuning job optimises.",
            Key("metric", Text("The objective metric's name.", maxLength: 255), required: true),
            Key("regex", Text("The regular expression that finds the metric in the logs (your own images and script mode).", maxLength: 500)),
            Key("type", OneOf("Whether the metric should grow or shrink.", null, "Maximize", "Minimize"), required: true)), required: true),
        Key("maxJobs", Integer("The most training jobs in all.", 1, 750, D.TuningMaxJobs)),
        Key("maxParallelJobs", Integer("The most training jobs at once.", 1, 100, D.TuningMaxParallelJobs)),
        Key("categoricalRanges", List("Hyperparameters chosen among values.", Object(
            "A categorical range.",
            Key("name", Text("The hyperparameter.", maxLength: 256), required: true),
            Key("values", List("The values to try.", Text("A value.", maxLength: 256), minItems: 1, maxItems: 30), required: true)), maxItems: 30)),
        Key("continuousRanges", List("Real-valued hyperparameters searched between two bounds.", Range, maxItems: 30)),
        Key("integerRanges", List("Whole-number hyperparameters searched between two bounds.", Range, maxItems: 30)),
        Key("parentJobs", List("Earlier tuning jobs to warm-start from.", Text("A tuning job's name.", maxLength: 32), maxItems: 5)),
        Key("warmStartType", OneOf("How the job builds on its parents.", "IdenticalDataAndAlgorithm", "IdenticalDataAndAlgorithm", "TransferLearning")));

    private static readonly ValueSpec Container = Object(
        "One container of an inference pipeline, run in order.",
        Key("image", Text("The container image; '{inferenceImage}' stands for the build's inference image.", maxLength: 255), required: true),
        Key("environment", Environment),
        Key("useModel", Flag("Whether the container gets the build's model artifact.", true)));

    private static readonly ValueSpec Variant = Object(
        "One production variant of the endpoint; every variant serves the build's model.",
        Key("name", Text("The variant's name.", maxLength: 63, pattern: "^[a-zA-Z0-9](-*[a-zA-Z0-9])*$", patternDescription: "letters, digits and inner hyphens"), required: true),
        Key("weight", Number("The variant's share of the traffic, relative to the others.", 0, null, 1)),
        Key("instanceType", InstanceType("The variant's instance type; by default hosting.instanceType.", D.HostingInstanceType) with { Default = null }),
        Key("instanceCount", Integer("The variant's instance count; by default hosting.instanceCount.", 1, 100)));

    private static readonly ValueSpec Hosting = Object(
        "How the model is served.",
        Key("instanceType", InstanceType("The hosting instance type.", D.HostingInstanceType)),
        Key("instanceCount", Integer("How many hosting instances.", 1, 100, D.HostingInstanceCount)),
        Key("environment", Environment),
        Key("variants", List("The endpoint's production variants; by default one, AllTraffic.", Variant, minItems: 1, maxItems: 10)),
        Key("containers", List("An inference pipeline: several containers instead of the one inference image.", Container, minItems: 1, maxItems: 15)),
        Key("dataCapture", Object(
            "Recording the endpoint's requests and responses to S3.",
            Key("enabled", Flag("Whether to capture.", false)),
            Key("samplingPercentage", Number("The share of requests captured.", 0, 100, D.DataCaptureSamplingPercentage)),
            Key("destination", S3Uri("Where the captures go; by default the artifacts bucket under data-capture/.")),
            Key("captureModes", List("What is captured.", OneOf("Input or Output.", null, "Input", "Output"), minItems: 1, maxItems: 2)))));

    private static readonly ValueSpec Framework = Object(
        "What trains and serves the model.",
        Key("name", OneOf("byod: your own images; builtin: a SageMaker algorithm; the others: SageMaker's framework images in script mode.", "byod", FrameworkNames)),
        Key("version", Text("The framework's or algorithm's version, such as 2.1 or 1.7-1.", maxLength: 32)),
        Key("algorithm", Text("The built-in algorithm, such as xgboost, linear-learner or kmeans.", maxLength: 64)),
        Key("pythonVersion", Text("The Python version of a script-mode image, such as py310.", maxLength: 16, pattern: "^py[0-9]+$", patternDescription: "py followed by digits, such as py310")),
        Key("entryPoint", Text("The training script, relative to the training code archive.", maxLength: 256, defaultValue: "train.py")),
        Key("inferenceEntryPoint", Text("The inference script, relative to the inference code archive.", maxLength: 256, defaultValue: "inference.py")),
        Key("codeVersion", Integer("Redeploy the code stored under versions/{training,inference}/v<n>.tar.gz instead of the build's own.", 1)));

    private static readonly ValueSpec Gate = Object(
        "The quality gate: a candidate is deployed only when it passes.",
        Key("metric", Text("The metric compared, such as validation:auc.", maxLength: 255), required: true),
        Key("direction", OneOf("Whether higher or lower is better.", null, "maximize", "minimize"), required: true),
        Key("threshold", Number("The value the candidate must reach (≥ when maximizing, ≤ when minimizing).")),
        Key("minImprovement", Number("How much the candidate must beat the production model's recorded value by.", 0, null, 0)),
        Key("source", OneOf("Where the candidate's value comes from: the training job's final metrics, or the evaluation file it writes.", "finalMetrics", "finalMetrics", "evaluationFile")),
        Key("evaluationKey", Text("The evaluation file, relative to the training job's output prefix.", maxLength: 512, defaultValue: D.EvaluationKey)));

    private static readonly ValueSpec Guardrails = Object(
        "How an existing endpoint is updated: blue/green with traffic shifting and automatic rollback.",
        Key("trafficRouting", OneOf("How traffic moves to the new fleet.", "ALL_AT_ONCE", "ALL_AT_ONCE", "CANARY", "LINEAR")),
        Key("sizePercent", Number("The canary's size, or each linear step's, in percent of the capacity.", 1, 100)),
        Key("waitSeconds", Integer("The baking time between shifts, watching the alarms.", 0, 3600, D.GuardrailWaitSeconds)),
        Key("alarms", List("CloudWatch alarms that roll the update back.", Text("An alarm's name.", maxLength: 255), maxItems: 10)),
        Key("terminationWaitSeconds", Integer("How long the old fleet is kept after the shift, for a fast rollback.", 0, 3600)),
        Key("maximumExecutionTimeoutSeconds", Integer("The longest the whole update may take.", 600, 28800)),
        Key("endpointTimeoutSeconds", Integer("How long the pipeline waits for the endpoint before it rolls back.", 60, 86400, D.EndpointTimeoutSeconds)),
        Key("pollSeconds", Integer("How often the pipeline checks the endpoint.", 1, 3600, D.EndpointPollSeconds)));

    private static readonly ValueSpec StepOverride = Object(
        "Your own implementation of the step: a Lambda function (fixed at deploy time) or a registered C# class.",
        Key("lambdaArn", Arn("A Lambda function that replaces the step (read when the stack is deployed).", "lambda", "function:")),
        Key("class", Text("The name a C# implementation was registered under.", maxLength: 256)));

    /// <summary>The whole document.</summary>
    public static readonly ObjectSpec Document = new(
        "The SageBuild pipeline configuration, stored as JSON in the parameter store and read by every build.",
        [
            Key("framework", Framework),
            Key("trainingImage", Text("Your training image; when given, no training image is built.", maxLength: 255)),
            Key("inferenceImage", Text("Your inference image; when given, no inference image is built.", maxLength: 255)),
            Key("train", Flag("Whether to train; false deploys modelArtifacts instead.", true)),
            Key("modelArtifacts", S3Uri("An existing model.tar.gz to deploy when train is false.")),
            Key("deployEndpoint", Flag("Whether to deploy; false registers the model and its endpoint config only.", true)),
            Key("training", Training),
            Key("tuning", Tuning with { IsNullable = true }),
            Key("hosting", Hosting),
            Key("gate", Gate with { IsNullable = true }),
            Key("guardrails", Guardrails),
            Key("retention", Object(
                "How many old SageMaker models and endpoint configs are kept (the live ones always are).",
                Key("models", Integer("Models to keep.", 1, 1000, D.KeepModels)),
                Key("endpointConfigs", Integer("Endpoint configs to keep.", 1, 1000, D.KeepEndpointConfigs)))),
            Key("hooks", Object(
                "Child state machines run by the pipeline (fixed at deploy time: their ARNs are part of the pipeline's IAM).",
                Key("etlStateMachineArn", Arn("Runs before training; its output is handed to the training config.", "states", "stateMachine:")),
                Key("postProcessStateMachineArn", Arn("Runs after a successful deploy.", "states", "stateMachine:")))),
            Key("steps", Object(
                "Pluggable steps: replace how a SageMaker request is built.",
                Key("trainingConfig", StepOverride),
                Key("modelConfig", StepOverride),
                Key("endpointConfig", StepOverride))),
            Key("smokeTest", Object(
                "The request sent to the new endpoint before it is accepted.",
                Key("body", Text("The request body.", minLength: 0, maxLength: 6000), required: true),
                Key("contentType", Text("Its content type.", maxLength: 1024, defaultValue: D.SmokeContentType)))),
            Key("tags", Map("Tags of every SageMaker resource the pipeline creates.", Text("The tag's value.", minLength: 0, maxLength: 256), maxEntries: 40)),
            Key("deployOverrides", new ValueSpec { Kind = SpecKind.FreeObject, Description = "Managed by SageBuild: the stack config's overrides last merged into this document, so the next merge keeps edits made at run time." }),
        ]);
}
