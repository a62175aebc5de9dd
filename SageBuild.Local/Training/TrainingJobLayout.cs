using SageBuild.Local.Artifacts;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Training;

/// <summary>
/// A training job's directory, laid out like <c>/opt/ml</c> in a SageMaker training container (the job's code gets
/// its path from <c>SAGEMAKER_BASE_DIR</c> and the <c>SM_*</c> variables, so nothing needs root or /opt/ml):
/// <c>input/config/{hyperparameters,inputdataconfig,resourceconfig}.json</c>, <c>input/data/&lt;channel&gt;</c>,
/// <c>model/</c>, <c>output/{failure,data,intermediate}</c>, <c>code/</c> and <c>checkpoints/</c>.
/// </summary>
internal sealed class TrainingJobLayout(string root, TrainingJobSpec spec)
{
    public const string NetworkInterfaceName = "eth0";

    /// <summary>The <c>/opt/ml</c> equivalent.</summary>
    public string Root { get; } = root;

    public string InputDirectory => Path.Combine(Root, "input");

    public string InputConfigDirectory => Path.Combine(Root, "input", "config");

    public string ModelDirectory => Path.Combine(Root, "model");

    public string OutputDirectory => Path.Combine(Root, "output");

    public string OutputDataDirectory => Path.Combine(Root, "output", "data");

    public string OutputIntermediateDirectory => Path.Combine(Root, "output", "intermediate");

    public string FailureFile => Path.Combine(Root, "output", "failure");

    public string CodeDirectory => Path.Combine(Root, "code");

    public string CheckpointDirectory => Path.Combine(Root, "checkpoints");

    public string ChannelDirectory(string channel) => Path.Combine(Root, "input", "data", channel);

    /// <summary>Creates the folders and writes the three configuration files.</summary>
    public void Create(string? instanceType)
    {
        foreach (var directory in new[] { InputConfigDirectory, ModelDirectory, OutputDataDirectory, OutputIntermediateDirectory, CodeDirectory })
            Directory.CreateDirectory(directory);
        foreach (var channel in spec.Channels)
            Directory.CreateDirectory(ChannelDirectory(channel.Name));
        if (spec.CheckpointS3Uri is not null)
            Directory.CreateDirectory(CheckpointDirectory);

        // hyperparameters.json holds the values exactly as given: strings, as the API requires them.
        var hyperParameters = JsonObject.Create(spec.HyperParameters.Select(p => KeyValuePair.Create(p.Key, (JsonValue)p.Value)));
        File.WriteAllText(Path.Combine(InputConfigDirectory, "hyperparameters.json"), hyperParameters.ToJson());
        File.WriteAllText(Path.Combine(InputConfigDirectory, "inputdataconfig.json"), InputDataConfig().ToJson());
        File.WriteAllText(Path.Combine(InputConfigDirectory, "resourceconfig.json"), ResourceConfig(instanceType ?? "local").ToJson());
    }

    /// <summary>Copies each channel's objects into its <c>input/data/&lt;channel&gt;</c> folder; throws when a channel has none.</summary>
    public void DownloadChannels(ArtifactStore artifacts)
    {
        foreach (var channel in spec.Channels)
        {
            int count;
            try
            {
                count = artifacts.CopyTo(channel.S3Uri, ChannelDirectory(channel.Name));
            }
            catch (ArgumentException e)
            {
                throw new TrainingClientException($"Data download failed: channel '{channel.Name}': {e.Message}");
            }

            if (count == 0)
            {
                throw new TrainingClientException(
                    $"Data download failed: no objects found at S3Uri '{channel.S3Uri}' for channel '{channel.Name}' (looked in {artifacts.LocalPath(channel.S3Uri)})");
            }
        }
    }

    public JsonObject InputDataConfig() =>
        JsonObject.Create(spec.Channels.Select(c =>
        {
            var config = new JsonObjectBuilder();
            if (c.ContentType is not null)
                config.Set("ContentType", c.ContentType);
            config.Set("TrainingInputMode", c.InputMode).Set("S3DistributionType", c.DistributionType).Set("RecordWrapperType", c.RecordWrapperType);
            if (c.CompressionType is not null)
                config.Set("CompressionType", c.CompressionType);
            return KeyValuePair.Create(c.Name, (JsonValue)config.Build());
        }));

    /// <summary>
    /// resourceconfig.json. A local job runs on one host, whatever InstanceCount asks for: listing hosts that do not
    /// exist would leave a distributed script waiting for them forever.
    /// </summary>
    public static JsonObject ResourceConfig(string instanceType) =>
        new JsonObjectBuilder()
            .Set("current_host", TrainingEnvironment.CurrentHost)
            .Set("current_instance_type", instanceType)
            .Set("current_group_name", TrainingEnvironment.InstanceGroup)
            .Set("hosts", JsonArray.Create(TrainingEnvironment.CurrentHost))
            .Set("instance_groups", JsonArray.Create(JsonObject.Create(
                ("instance_group_name", TrainingEnvironment.InstanceGroup),
                ("instance_type", instanceType),
                ("hosts", JsonArray.Create(TrainingEnvironment.CurrentHost)))))
            .Set("network_interface_name", NetworkInterfaceName)
            .Build();
}
