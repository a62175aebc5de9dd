using System.Text.RegularExpressions;
using SageBuild.Functions.Configuration;
using SageBuild.Local.Images;
using SageBuild.StateMachines.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SageBuild.Cli.Projects;

/// <summary>
/// Reads a project's <c>sagebuild.yaml</c> and checks all of it at once: its own keys, the folders they name, and the
/// <c>pipeline</c> section against the pipeline configuration's rules (the same reader the build uses). Every problem
/// names its key, such as <c>image.serve: is required</c> or <c>pipeline.training.instanceCount: must be ≥ 1</c>.
/// </summary>
public static partial class ProjectFileReader
{
    private static readonly string[] TopLevelKeys = ["name", "buildspec", "image", "data", "sample", "pipeline", "triggers"];
    private static readonly string[] ImageKeys = ["train", "serve", "entrypoint", "workingDirectory", "environment"];

    /// <summary>Reads <c>{projectDirectory}/sagebuild.yaml</c>; throws <see cref="ProjectFileException"/> listing every problem.</summary>
    public static ProjectFile Read(string projectDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectDirectory);
        var directory = Path.GetFullPath(projectDirectory);
        var path = Path.Combine(directory, ProjectFile.FileName);
        if (!File.Exists(path))
            throw new ProjectFileException($"{path} does not exist: a project folder holds a {ProjectFile.FileName} (see examples/README.md)");
        return Parse(File.ReadAllText(path), directory, path);
    }

    /// <summary>Reads the text of a project file whose folder is <paramref name="directory"/>.</summary>
    public static ProjectFile Parse(string yaml, string directory, string source = ProjectFile.FileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ProjectFileException(source, [$"line {e.Start.Line}: {e.Message}"]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ProjectFileException(source, ["the file must be a YAML mapping with at least 'name' and 'image'"]);

        var errors = new List<string>();
        void Error(string key, YamlNode? node, string message) =>
            errors.Add(node is null ? $"{key}: {message}" : $"{key} (line {node.Start.Line}): {message}");

        JsonObject document;
        try
        {
            document = (JsonObject)YamlJson.Convert(root);
        }
        catch (YamlException e)
        {
            throw new ProjectFileException(source, [$"line {e.Start.Line}: {e.Message}"]);
        }

        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>().Where(k => !TopLevelKeys.Contains(k.Value)))
            Error(key.Value ?? "", key, $"is not a key of a project file (use {string.Join(", ", TopLevelKeys)})");

        var name = Text(document, "name");
        if (name is null)
            Error("name", null, "is required: the project's name, such as failure-predictor");
        else if (!NamePattern().IsMatch(name))
            Error("name", Node(root, "name"), $"'{name}' must be 1 to 19 lower-case letters, digits and inner hyphens, starting with a letter");

        var buildspec = Text(document, "buildspec") ?? "buildspec.yml";
        if (!File.Exists(Path.Combine(directory, buildspec)))
            Error("buildspec", Node(root, "buildspec"), $"no file at '{buildspec}' in {directory}");

        var image = ReadImage(document, root, Error);
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (document.TryGetValue("data", out var dataValue) && !dataValue.IsNull)
        {
            if (dataValue is not JsonObject channels)
            {
                Error("data", Node(root, "data"), "must map channel names to folders, such as 'train: data/train'");
            }
            else
            {
                foreach (var (channel, folder) in channels)
                {
                    if (folder is not JsonString { Value: var relative })
                        Error($"data.{channel}", Node(root, "data"), "must be a folder, relative to the project");
                    else if (!Directory.Exists(Path.Combine(directory, relative)))
                        Error($"data.{channel}", Node(root, "data"), $"no folder at '{relative}' in {directory}");
                    else
                        data[channel] = Path.GetFullPath(Path.Combine(directory, relative));
                }
            }
        }

        ProjectSample? sample = null;
        if (document.TryGetValue("sample", out var sampleValue) && !sampleValue.IsNull)
        {
            if (sampleValue is JsonObject s && Text(s, "body") is { } body)
                sample = new ProjectSample(body, Text(s, "contentType") ?? "application/json");
            else
                Error("sample.body", Node(root, "sample"), "is required: the request body to send the endpoint, as text");
        }

        var pipeline = JsonObject.Empty;
        if (document.TryGetValue("pipeline", out var pipelineValue) && !pipelineValue.IsNull)
        {
            if (pipelineValue is JsonObject p)
                pipeline = p;
            else
                Error("pipeline", Node(root, "pipeline"), "must be a mapping: the pipeline configuration (schemas/sagebuild-config.schema.json)");
        }

        var triggers = ReadTriggers(document, root, directory, Error);
        if (errors.Count > 0)
            throw new ProjectFileException(source, errors);
        var project = new ProjectFile
        {
            Directory = directory,
            Name = name!,
            Buildspec = buildspec,
            Image = image!,
            Data = data,
            Sample = sample,
            Pipeline = pipeline,
            Triggers = triggers,
        };

        // The same rules the build applies when it reads the parameter, on the document it will read.
        var (_, configurationErrors) = ConfigurationReader.TryRead(project.ConfigurationDocument());
        return configurationErrors.Count > 0
            ? throw new ProjectFileException(source, [.. configurationErrors.Select(e => e.Key.Length == 0 ? $"pipeline: {e.Message}" : $"pipeline.{e.Key}: {e.Message}")])
            : project;
    }

    private static LocalImage? ReadImage(JsonObject document, YamlMappingNode root, Action<string, YamlNode?, string> error)
    {
        if (!document.TryGetValue("image", out var value) || value is not JsonObject image)
        {
            error("image", Node(root, "image"), "is required: the commands that train and serve the model, such as 'train: python3 train.py' and 'serve: python3 serve.py'");
            return null;
        }

        foreach (var key in image.Keys.Where(k => !ImageKeys.Contains(k)))
            error($"image.{key}", Node(root, "image"), $"is not a key of image (use {string.Join(", ", ImageKeys)})");
        var entrypoint = Text(image, "entrypoint");
        var train = Text(image, "train");
        var serve = Text(image, "serve");
        if (entrypoint is null && train is null)
            error("image.train", Node(root, "image"), "is required (or image.entrypoint): the command that trains the model");
        if (entrypoint is null && serve is null)
            error("image.serve", Node(root, "image"), "is required (or image.entrypoint): the command that serves the model on $SAGEMAKER_BIND_TO_PORT");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (image.TryGetValue("environment", out var env) && env is JsonObject variables)
        {
            foreach (var (name, variable) in variables)
                environment[name] = variable is JsonString text ? text.Value : variable.ToJson();
        }

        return new LocalImage { Entrypoint = entrypoint, TrainCommand = train, ServeCommand = serve, WorkingDirectory = Text(image, "workingDirectory"), Environment = environment };
    }

    private static string? Text(JsonObject o, string key) =>
        o.TryGetValue(key, out var v) ? v switch { JsonString s => s.Value, JsonNumber n => n.ToText(), _ => null } : null;

    private static YamlNode? Node(YamlMappingNode root, string key) =>
        root.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: var k } && k == key).Value;

    [GeneratedRegex("^(?=.{1,19}$)[a-z](-?[a-z0-9])*$")]
    private static partial Regex NamePattern();
}
