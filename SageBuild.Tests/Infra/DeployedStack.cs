using SageBuild.Infra.Pipeline;
using SageBuild.StateMachines.Json;
using YamlDotNet.RepresentationModel;

namespace SageBuild.Tests.Infra;

/// <summary>
/// One stack as the acceptance tests see it: the compiler run as a real process the way Pulumi runs it, the printed
/// program, and what the @pulumi/aws mock runtime constructed from it. Built once per stack and shared by the tests.
/// </summary>
internal sealed class DeployedStack
{
    private static readonly Dictionary<string, DeployedStack> Cache = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    private DeployedStack(string stack, ProcessResult compiler, HarnessReport report, IReadOnlyDictionary<string, string> config)
    {
        Stack = stack;
        Compiler = compiler;
        Report = report;
        Config = config;
    }

    public string Stack { get; }

    public ProcessResult Compiler { get; }

    public string Program => Compiler.Output;

    public HarnessReport Report { get; }

    /// <summary>The PULUMI_CONFIG values the compiler got.</summary>
    public IReadOnlyDictionary<string, string> Config { get; }

    /// <summary>
    /// The stack from its committed stack file (<c>Pulumi.&lt;stack&gt;.yaml</c>), with <paramref name="extra"/> config
    /// on top; <paramref name="secrets"/> reach only the mock runtime (as Pulumi decrypts them), never the compiler.
    /// </summary>
    public static DeployedStack Get(string stack, string? variant = null, IReadOnlyDictionary<string, string>? extra = null, IReadOnlyDictionary<string, string>? secrets = null)
    {
        var key = $"{stack}/{variant}";
        lock (Gate)
        {
            if (Cache.TryGetValue(key, out var cached))
                return cached;
            var pulumiConfig = InfraRepository.PulumiConfig($"Pulumi.{stack}.yaml", extra);
            var compiler = InfraRepository.Compile(stack, pulumiConfig);
            Assert.That(compiler.ExitCode, Is.Zero, $"the compiler failed for {stack}: {compiler.Error}");
            var config = ((JsonObject)JsonValue.Parse(pulumiConfig)).ToDictionary(p => p.Key, p => ((JsonString)p.Value).Value);
            var harnessConfig = new Dictionary<string, string>(config);
            foreach (var (name, value) in secrets ?? new Dictionary<string, string>())
                harnessConfig[name] = value;
            var report = InfraRepository.Construct(compiler.Output, stack, harnessConfig);
            var deployed = new DeployedStack(stack, compiler, report, config);
            Cache[key] = deployed;
            return deployed;
        }
    }

    /// <summary>The printed program parsed by YamlDotNet.</summary>
    public YamlMappingNode ProgramYaml()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Program));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>The registered resources of the type whose Pulumi token is <paramref name="fullToken"/>.</summary>
    public IReadOnlyList<JsonObject> OfType(string fullToken) =>
        [.. Report.Resources.Where(r => ((JsonString)r["type"]).Value == fullToken)];

    /// <summary>A resolved input of a registered resource, as text.</summary>
    public static string Text(JsonObject resource, string input) => ((JsonString)((JsonObject)resource["inputs"])[input]).Value;

    /// <summary>The resolved JSON-text input of a registered resource, parsed.</summary>
    public static JsonValue JsonInput(JsonObject resource, string input) => JsonValue.Parse(Text(resource, input));

    /// <summary>The pipeline resources the stack handed to the pipeline, with every placeholder resolved as the mock runtime resolved it.</summary>
    public PipelineResources ConcreteResources(PipelineResources placeholders) => placeholders with
    {
        StateMachineArn = Resolve(placeholders.StateMachineArn),
        LaunchTopicArn = Resolve(placeholders.LaunchTopicArn),
        Pipeline = placeholders.Pipeline with
        {
            Region = Resolve(placeholders.Pipeline.Region),
            StatusTopicArn = Resolve(placeholders.Pipeline.StatusTopicArn),
            DataBucket = Resolve(placeholders.Pipeline.DataBucket),
            ArtifactsBucket = Resolve(placeholders.Pipeline.ArtifactsBucket),
            CodeBucket = Resolve(placeholders.Pipeline.CodeBucket),
            CheckpointsBucket = Resolve(placeholders.Pipeline.CheckpointsBucket),
            TrainingRepositoryUri = Resolve(placeholders.Pipeline.TrainingRepositoryUri),
            InferenceRepositoryUri = Resolve(placeholders.Pipeline.InferenceRepositoryUri),
            TrainingRoleArn = Resolve(placeholders.Pipeline.TrainingRoleArn),
            HostingRoleArn = Resolve(placeholders.Pipeline.HostingRoleArn),
            ConfigParameterName = Resolve(placeholders.Pipeline.ConfigParameterName),
            LedgerTableName = Resolve(placeholders.Pipeline.LedgerTableName),
            ImageBuildProjectName = Resolve(placeholders.Pipeline.ImageBuildProjectName),
        },
    };

    /// <summary>
    /// Text with <c>${resource.output}</c>, <c>${variable}</c> and ArnContext placeholders replaced by what the mock
    /// runtime produced: the harness's mocked state and its fixed account, region and partition.
    /// </summary>
    public string Resolve(string text)
    {
        var constants = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["${AWS::Partition}"] = HarnessConstants.Partition,
            ["${AWS::Region}"] = HarnessConstants.Region,
            ["${AWS::AccountId}"] = HarnessConstants.Account,
            ["${partition}"] = HarnessConstants.Partition,
            ["${region}"] = HarnessConstants.Region,
            ["${accountId}"] = HarnessConstants.Account,
        };
        var result = new System.Text.StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
                break;
            var end = text.IndexOf('}', start);
            result.Append(text, i, start - i);
            var placeholder = text[start..(end + 1)];
            if (constants.TryGetValue(placeholder, out var constant))
            {
                result.Append(constant);
            }
            else
            {
                var expression = placeholder[2..^1].Split('.', 2);
                result.Append(((JsonString)Report.State(expression[0])[expression[1]]).Value);
            }

            i = end + 1;
        }

        return result.Append(text, i, text.Length - i).ToString();
    }

    /// <summary>The pipeline the stack's program was built with, recorded in-process with the same config.</summary>
    public (PipelineResources Resources, PipelineDescription Description) RecordPipeline()
    {
        var recorder = new RecordingPipeline(PipelineCatalog.Deployed);
        var settings = SageBuild.Infra.Configuration.InfraSettingsReader.Read(new SageBuild.Infra.Configuration.StackEnvironment
        {
            Stack = Stack,
            Project = "sagebuild",
            Config = Config,
        });
        _ = SageBuild.Infra.Stack.SageBuildProgram.Build(settings, recorder);
        return (recorder.Resources!, recorder.Description!);
    }
}
