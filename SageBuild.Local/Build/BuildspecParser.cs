using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SageBuild.Local.Build;

/// <summary>
/// Reads a buildspec. A mistake is a <see cref="BuildspecException"/> naming the key and its line, as CodeBuild
/// reports a <c>YAML_FILE_ERROR</c>.
/// </summary>
internal static class BuildspecParser
{
    // CodeBuild runs the phases in this order, whatever order the file lists them in.
    private static readonly (string Key, string PhaseType)[] PhaseOrder =
        [("install", "INSTALL"), ("pre_build", "PRE_BUILD"), ("build", "BUILD"), ("post_build", "POST_BUILD")];

    public static Buildspec Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new BuildspecException($"{source} line {e.Start.Line}: {e.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new BuildspecException($"{source}: the buildspec must be a YAML mapping with 'version' and 'phases'");
        var context = new Context(source);

        var version = context.Scalar(root, "version") ?? throw context.Error(root, "'version' is required (use 0.2)");
        if (version is not ("0.2" or "0.1"))
            throw context.Error(root, $"version '{version}' is not supported (use 0.2)");
        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>())
        {
            if (key.Value is not ("version" or "run-as" or "env" or "phases" or "artifacts" or "image" or "reports" or "cache" or "proxy" or "batch"))
                throw context.Error(key, $"unknown top-level key '{key.Value}'");
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var exported = new List<string>();
        var shell = "/bin/sh";
        if (context.Mapping(root, "env") is { } env)
        {
            foreach (var unsupported in new[] { "parameter-store", "secrets-manager", "git-credential-helper" })
            {
                if (Context.Child(env, unsupported) is { } node)
                    throw context.Error(node, $"env.{unsupported} is not supported by local builds; use env.variables or the project's environment");
            }

            foreach (var (name, value) in context.StringMap(env, "variables", "env.variables"))
                variables[name] = value;
            exported.AddRange(context.StringList(env, "exported-variables", "env.exported-variables"));
            shell = context.Scalar(env, "shell") switch
            {
                null or "sh" or "/bin/sh" => "/bin/sh",
                "bash" or "/bin/bash" => "/bin/bash",
                var other => throw context.Error(env, $"env.shell '{other}' is not supported locally (use sh or bash)"),
            };
        }

        var phasesNode = context.Mapping(root, "phases") ?? throw context.Error(root, "'phases' is required");
        foreach (var key in phasesNode.Children.Keys.OfType<YamlScalarNode>())
        {
            if (!PhaseOrder.Any(p => p.Key == key.Value))
                throw context.Error(key, $"unknown phase '{key.Value}' (use install, pre_build, build or post_build)");
        }

        var phases = new List<BuildspecPhase>();
        foreach (var (key, phaseType) in PhaseOrder)
        {
            if (context.Mapping(phasesNode, key) is not { } phase)
                continue;
            var onFailure = context.Scalar(phase, "on-failure") ?? "ABORT";
            if (onFailure is not ("ABORT" or "CONTINUE"))
                throw context.Error(phase, $"phases.{key}.on-failure must be ABORT or CONTINUE, not '{onFailure}'");
            var finallyCommands = context.StringList(phase, "finally", $"phases.{key}.finally");
            phases.Add(new BuildspecPhase(phaseType, context.StringList(phase, "commands", $"phases.{key}.commands"), finallyCommands, onFailure == "CONTINUE"));
        }

        BuildspecArtifacts? artifacts = null;
        if (context.Mapping(root, "artifacts") is { } artifactsNode)
        {
            var files = context.StringList(artifactsNode, "files", "artifacts.files");
            if (files.Count == 0)
                throw context.Error(artifactsNode, "artifacts.files must list at least one path or pattern");
            artifacts = new BuildspecArtifacts(files, context.Scalar(artifactsNode, "base-directory"),
                string.Equals(context.Scalar(artifactsNode, "discard-paths"), "yes", StringComparison.OrdinalIgnoreCase));
        }

        BuildspecImage? image = null;
        if (context.Mapping(root, "image") is { } imageNode)
        {
            image = new BuildspecImage(context.Scalar(imageNode, "entrypoint"), context.Scalar(imageNode, "train"), context.Scalar(imageNode, "serve"),
                context.Scalar(imageNode, "working-directory"), context.StringMap(imageNode, "env", "image.env"));
            if (image.Entrypoint is null && image.Train is null && image.Serve is null)
                throw context.Error(imageNode, "image needs an 'entrypoint' (run with 'train' or 'serve' appended) or 'train' and 'serve' commands");
        }

        return new Buildspec(variables, exported, shell, phases, artifacts, image);
    }

    private sealed class Context(string source)
    {
        public BuildspecException Error(YamlNode node, string message) => new($"{source} line {node.Start.Line}: {message}");

        public static YamlNode? Child(YamlMappingNode parent, string key) =>
            parent.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

        public string? Scalar(YamlMappingNode parent, string key) =>
            Child(parent, key) switch
            {
                null => null,
                YamlScalarNode { Value: null or "" or "~" or "null" } => null,
                YamlScalarNode scalar => scalar.Value,
                var other => throw Error(other, $"'{key}' must be a single value"),
            };

        public YamlMappingNode? Mapping(YamlMappingNode parent, string key) =>
            Child(parent, key) switch
            {
                null => null,
                YamlMappingNode mapping => mapping,
                YamlScalarNode { Value: null or "" or "~" } => null,
                var other => throw Error(other, $"'{key}' must be a mapping"),
            };

        public List<string> StringList(YamlMappingNode parent, string key, string path) =>
            Child(parent, key) switch
            {
                null => [],
                YamlScalarNode { Value: null or "" or "~" } => [],
                YamlSequenceNode sequence => sequence.Children
                    .Select(item => item is YamlScalarNode { Value: { } value } ? value : throw Error(item, $"{path} must be a list of strings"))
                    .ToList(),
                var other => throw Error(other, $"{path} must be a list"),
            };

        public Dictionary<string, string> StringMap(YamlMappingNode parent, string key, string path) =>
            Child(parent, key) switch
            {
                null => [],
                YamlScalarNode { Value: null or "" or "~" } => [],
                YamlMappingNode mapping => mapping.Children
                    .Select(pair => pair is { Key: YamlScalarNode { Value: { } name }, Value: YamlScalarNode value }
                        ? KeyValuePair.Create(name, value.Value ?? "")
                        : throw Error(pair.Key, $"{path} must map names to single values"))
                    .ToDictionary(StringComparer.Ordinal),
                var other => throw Error(other, $"{path} must be a mapping"),
            };
    }
}
