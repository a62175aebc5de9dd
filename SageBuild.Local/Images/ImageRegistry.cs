using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Images;

/// <summary>
/// The local stand-in for a container registry: images recorded by builds (durably, one JSON file per tag, so a
/// rollback can redeploy an old version), images given in the options, and the built-in script-mode framework images.
/// </summary>
public sealed class ImageRegistry
{
    // SageMaker's framework containers that run a user's script: locally they run it with Python.
    private static readonly HashSet<string> ScriptModeRepositories = new(StringComparer.Ordinal)
    {
        "sagemaker-scikit-learn", "sagemaker-xgboost", "sagemaker-chainer", "pytorch-training", "pytorch-inference",
        "tensorflow-training", "tensorflow-inference", "mxnet-training", "mxnet-inference",
        "huggingface-pytorch-training", "huggingface-pytorch-inference", "sagebuild-python",
    };

    private readonly string _directory;
    private readonly Dictionary<ImageReference, LocalImage> _configured;
    private readonly LocalImage _scriptMode;
    private readonly Lock _gate = new();

    internal ImageRegistry(string directory, IReadOnlyDictionary<string, LocalImage> configured, LocalImage scriptMode)
    {
        _directory = directory;
        _scriptMode = scriptMode;
        _configured = configured.ToDictionary(pair => ImageReference.Parse(pair.Key), pair => pair.Value);
        Directory.CreateDirectory(directory);
    }

    /// <summary>The repositories served by the built-in script-mode image (any tag, any registry host).</summary>
    public static IReadOnlyCollection<string> ScriptModeImageRepositories => ScriptModeRepositories;

    /// <summary>Records <paramref name="image"/> under <paramref name="reference"/> (<c>repository:tag</c>), replacing an earlier one.</summary>
    public void Record(string reference, LocalImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var parsed = ImageReference.Parse(reference);
        var path = FileOf(parsed);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        lock (_gate)
        {
            File.WriteAllText(path + ".partial", ToJson(image).ToJson(indented: true));
            File.Move(path + ".partial", path, overwrite: true);
        }
    }

    /// <summary>Looks up <paramref name="reference"/>: the options' images first, then recorded ones, then the built-in framework images.</summary>
    public bool TryResolve(string reference, out LocalImage image)
    {
        var parsed = ImageReference.Parse(reference);
        if (_configured.TryGetValue(parsed, out var configured))
        {
            image = configured;
            return true;
        }

        var path = FileOf(parsed);
        if (File.Exists(path))
        {
            image = FromJson(JsonValue.Parse(File.ReadAllText(path)));
            return true;
        }

        if (ScriptModeRepositories.Contains(parsed.Name))
        {
            image = _scriptMode;
            return true;
        }

        image = null!;
        return false;
    }

    /// <summary>Looks up <paramref name="reference"/> or refuses it with a message that says how to provide it.</summary>
    internal LocalImage Resolve(string reference, string field) =>
        TryResolve(reference, out var image)
            ? image
            : throw ServiceException.Invalid(
                $"{field} '{reference}' is not a local image: build it with a buildspec that declares an 'image' section and sets IMAGE_TAG, " +
                "list it in LocalBackendsOptions.Images, or use a script-mode framework image such as 'sagebuild-python:3'");

    private string FileOf(ImageReference reference) =>
        Path.Combine(_directory, Path.Combine(reference.Repository.Split('/')), reference.Tag + ".json");

    private static JsonObject ToJson(LocalImage image)
    {
        var builder = new JsonObjectBuilder()
            .SetIfNotNull("Entrypoint", Text(image.Entrypoint))
            .SetIfNotNull("TrainCommand", Text(image.TrainCommand))
            .SetIfNotNull("ServeCommand", Text(image.ServeCommand))
            .SetIfNotNull("WorkingDirectory", Text(image.WorkingDirectory))
            .SetIfNotNull("BuildId", Text(image.BuildId))
            .Set("IsScriptMode", image.IsScriptMode)
            .Set("Environment", JsonObject.Create(image.Environment.Select(e => KeyValuePair.Create(e.Key, (JsonValue)e.Value))));
        return builder.Build();
    }

    private static LocalImage FromJson(JsonValue json)
    {
        var reader = new ShapeReader(json, "image");
        return new LocalImage
        {
            Entrypoint = reader.OptionalString("Entrypoint"),
            TrainCommand = reader.OptionalString("TrainCommand"),
            ServeCommand = reader.OptionalString("ServeCommand"),
            WorkingDirectory = reader.OptionalString("WorkingDirectory"),
            BuildId = reader.OptionalString("BuildId"),
            IsScriptMode = reader.OptionalBoolean("IsScriptMode") ?? false,
            Environment = reader.StringMap("Environment"),
        };
    }

    private static JsonString? Text(string? value) => value is null ? null : JsonString.From(value);
}
