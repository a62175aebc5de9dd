using System.Globalization;
using System.Text.Json;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Training;

/// <summary>
/// The environment and arguments a training command gets, following the SageMaker training toolkit: the
/// <c>SM_*</c> variables, and the hyperparameters as <c>--name value</c> arguments. As in the toolkit, each
/// hyperparameter value is read as JSON when it is JSON (so <c>"10"</c> is the number 10), and those named
/// <c>sagemaker_*</c> are framework settings, not the user's hyperparameters.
/// </summary>
internal sealed class TrainingEnvironment
{
    public const string CurrentHost = "algo-1";
    public const string InstanceGroup = "homogeneousCluster";

    private const string FrameworkPrefix = "sagemaker_";

    public TrainingEnvironment(TrainingJobSpec spec, TrainingJobLayout layout, string arn, string? moduleDirectory)
    {
        Spec = spec;
        Layout = layout;
        Arn = arn;
        UserHyperParameters = spec.HyperParameters
            .Where(p => !p.Key.StartsWith(FrameworkPrefix, StringComparison.Ordinal))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Decode(p.Value)))
            .ToList();
        FrameworkParameters = spec.HyperParameters
            .Where(p => p.Key.StartsWith(FrameworkPrefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => Decode(p.Value), StringComparer.Ordinal);
        Program = FrameworkParameters.GetValueOrDefault("sagemaker_program") is JsonString { Value: var program } ? program : null;
        ModuleDirectory = moduleDirectory ?? layout.CodeDirectory;
    }

    public TrainingJobSpec Spec { get; }

    public TrainingJobLayout Layout { get; }

    public string Arn { get; }

    /// <summary>The user's hyperparameters, decoded, sorted by name.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonValue>> UserHyperParameters { get; }

    /// <summary>The <c>sagemaker_*</c> hyperparameters, decoded.</summary>
    public IReadOnlyDictionary<string, JsonValue> FrameworkParameters { get; }

    /// <summary>The script-mode entry point (<c>sagemaker_program</c>), when given.</summary>
    public string? Program { get; }

    public string ModuleDirectory { get; }

    /// <summary>The hyperparameters as the toolkit passes them to a script: <c>--name value</c>, sorted by name.</summary>
    public IReadOnlyList<string> UserArguments()
    {
        var arguments = new List<string>(UserHyperParameters.Count * 2);
        foreach (var (name, value) in UserHyperParameters)
        {
            arguments.Add(name.Length > 1 ? "--" + name : "-" + name);
            arguments.Add(ArgumentText(value));
        }

        return arguments;
    }

    /// <summary>Every variable the training command gets beside the inherited environment.</summary>
    public Dictionary<string, string?> Variables()
    {
        var channels = Spec.Channels.Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        var hyperParameters = JsonObject.Create(UserHyperParameters);
        var frameworkParameters = JsonObject.Create(FrameworkParameters.Where(p => !IsToolkitSetting(p.Key)));
        var moduleName = Program is { } program && program.EndsWith(".py", StringComparison.Ordinal) ? program[..^3] : Program;
        var numCpus = System.Environment.ProcessorCount;
        var trainingEnv = new JsonObjectBuilder()
            .Set("additional_framework_parameters", frameworkParameters)
            .Set("channel_input_dirs", JsonObject.Create(channels.Select(c => KeyValuePair.Create(c, (JsonValue)Layout.ChannelDirectory(c)))))
            .Set("current_host", CurrentHost)
            .Set("current_instance_group", InstanceGroup)
            .Set("current_instance_type", InstanceType)
            .Set("framework_module", JsonValue.Null)
            .Set("hosts", JsonArray.Create(CurrentHost))
            .Set("hyperparameters", hyperParameters)
            .Set("input_config_dir", Layout.InputConfigDirectory)
            .Set("input_data_config", Layout.InputDataConfig())
            .Set("input_dir", Layout.InputDirectory)
            .Set("is_master", true)
            .Set("job_name", Spec.Name)
            .Set("log_level", 20)
            .Set("master_hostname", CurrentHost)
            .Set("model_dir", Layout.ModelDirectory)
            .Set("module_dir", ModuleDirectory)
            .Set("module_name", moduleName is null ? JsonValue.Null : moduleName)
            .Set("network_interface_name", TrainingJobLayout.NetworkInterfaceName)
            .Set("num_cpus", numCpus)
            .Set("num_gpus", 0)
            .Set("output_data_dir", Layout.OutputDataDirectory)
            .Set("output_dir", Layout.OutputDirectory)
            .Set("output_intermediate_dir", Layout.OutputIntermediateDirectory)
            .Set("resource_config", TrainingJobLayout.ResourceConfig(InstanceType))
            .Set("user_entry_point", Program is null ? JsonValue.Null : Program)
            .Build();

        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["SAGEMAKER_BASE_DIR"] = Layout.Root,
            ["TRAINING_JOB_NAME"] = Spec.Name,
            ["TRAINING_JOB_ARN"] = Arn,
            ["SM_MODEL_DIR"] = Layout.ModelDirectory,
            ["SM_CHANNELS"] = JsonArray.Create(channels.Select(c => (JsonValue)c)).ToJson(),
            ["SM_HPS"] = hyperParameters.ToJson(),
            ["SM_USER_ARGS"] = JsonArray.Create(UserArguments().Select(a => (JsonValue)a)).ToJson(),
            ["SM_OUTPUT_DATA_DIR"] = Layout.OutputDataDirectory,
            ["SM_OUTPUT_DIR"] = Layout.OutputDirectory,
            ["SM_OUTPUT_INTERMEDIATE_DIR"] = Layout.OutputIntermediateDirectory,
            ["SM_INPUT_DIR"] = Layout.InputDirectory,
            ["SM_INPUT_CONFIG_DIR"] = Layout.InputConfigDirectory,
            ["SM_INPUT_DATA_CONFIG"] = Layout.InputDataConfig().ToJson(),
            ["SM_RESOURCE_CONFIG"] = TrainingJobLayout.ResourceConfig(InstanceType).ToJson(),
            ["SM_NUM_CPUS"] = numCpus.ToString(CultureInfo.InvariantCulture),
            ["SM_NUM_GPUS"] = "0",
            ["SM_HOSTS"] = JsonArray.Create(CurrentHost).ToJson(),
            ["SM_CURRENT_HOST"] = CurrentHost,
            ["SM_CURRENT_INSTANCE_TYPE"] = InstanceType,
            ["SM_CURRENT_INSTANCE_GROUP"] = InstanceGroup,
            ["SM_NETWORK_INTERFACE_NAME"] = TrainingJobLayout.NetworkInterfaceName,
            ["SM_LOG_LEVEL"] = "20",
            ["SM_MODULE_DIR"] = ModuleDirectory,
            ["SM_MODULE_NAME"] = moduleName,
            ["SM_USER_ENTRY_POINT"] = Program,
            ["SM_FRAMEWORK_PARAMS"] = frameworkParameters.ToJson(),
            ["SM_FRAMEWORK_MODULE"] = "",
            ["SM_TRAINING_ENV"] = trainingEnv.ToJson(),
            ["SAGEMAKER_PROGRAM"] = Program,
            // Python buffers a pipe's output: without this the log (and its metrics) would arrive only at the end.
            ["PYTHONUNBUFFERED"] = "1",
        };
        foreach (var channel in channels)
            variables["SM_CHANNEL_" + channel.ToUpperInvariant()] = Layout.ChannelDirectory(channel);
        foreach (var (name, value) in UserHyperParameters)
            variables["SM_HP_" + name.ToUpperInvariant()] = value is JsonString s ? s.Value : value.ToJson();
        return variables;
    }

    private string InstanceType => Spec.InstanceType ?? "local";

    /// <summary>A hyperparameter as the toolkit reads it: JSON when it parses as JSON, else the text itself.</summary>
    public static JsonValue Decode(string value)
    {
        try
        {
            return JsonValue.Parse(value);
        }
        catch (JsonException)
        {
            return JsonString.From(value);
        }
    }

    private static bool IsToolkitSetting(string name) =>
        name is "sagemaker_program" or "sagemaker_submit_directory" or "sagemaker_region" or "sagemaker_job_name"
            or "sagemaker_container_log_level" or "sagemaker_enable_cloudwatch_metrics";

    // The toolkit formats each value with Python's str(): strings as they are, booleans as True/False.
    private static string ArgumentText(JsonValue value) => value switch
    {
        JsonString s => s.Value,
        JsonBoolean b => b.Value ? "True" : "False",
        JsonNull => "",
        JsonNumber n => n.ToText(),
        JsonObject o => string.Join(',', o.Select(p => $"{p.Key}={ArgumentText(p.Value)}")),
        _ => value.ToJson(),
    };
}
