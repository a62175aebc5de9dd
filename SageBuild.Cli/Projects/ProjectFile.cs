using SageBuild.Functions.Pipeline;
using SageBuild.Local.Images;
using SageBuild.StateMachines.Json;

namespace SageBuild.Cli.Projects;

/// <summary>
/// A model project as <c>sagebuild run</c> sees it: its <c>sagebuild.yaml</c>, read and checked by
/// <see cref="ProjectFileReader"/>. The <c>pipeline</c> section is the pipeline's configuration document
/// (<c>schemas/sagebuild-config.schema.json</c>); the other keys say how to build, train and serve it on this machine.
/// </summary>
public sealed record ProjectFile
{
    /// <summary>The file's name in a project folder.</summary>
    public const string FileName = "sagebuild.yaml";

    /// <summary>The project folder (full path).</summary>
    public required string Directory { get; init; }

    /// <summary>The project's name: it names the endpoint, and its resources are <c>{name}-{build}-model</c>, ...</summary>
    public required string Name { get; init; }

    /// <summary>The buildspec, relative to the project folder.</summary>
    /// <value><c>buildspec.yml</c>.</value>
    public string Buildspec { get; init; } = "buildspec.yml";

    /// <summary>The image the build produces: the train and serve commands ("a local image is a command").</summary>
    public required LocalImage Image { get; init; }

    /// <summary>The training channels: channel name → folder (full path) that is uploaded to the local data bucket.</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();

    /// <summary>The request sent after a deploy: the sample prediction and, unless the pipeline sets one, the smoke test.</summary>
    public ProjectSample? Sample { get; init; }

    /// <summary>What starts builds while <c>sagebuild serve --project</c> runs (the <c>triggers</c> section).</summary>
    public ProjectTriggers Triggers { get; init; } = ProjectTriggers.None;

    /// <summary>The <c>pipeline</c> section as written (a configuration document).</summary>
    public JsonObject Pipeline { get; init; } = JsonObject.Empty;

    /// <summary>The deployment's identities for this project: the local stack named after it, the endpoint named <see cref="Name"/>.</summary>
    public PipelineOptions Options => PipelineOptions.Local(Name) with { EndpointName = Name, NamePrefix = Name + "-" };

    /// <summary>Where channel <paramref name="channel"/>'s data is uploaded: <c>s3://{data bucket}/{data prefix}{channel}/</c>.</summary>
    public string ChannelUri(string channel) => $"s3://{Options.DataBucket}/{Options.DataPrefix}{channel}/";

    /// <summary>
    /// The configuration document the build reads: the <c>pipeline</c> section, plus what the project file implies
    /// when the section leaves it out: the channels of <see cref="Data"/>, the <see cref="Sample"/> as smoke test,
    /// and a local endpoint's pace (checked every second, no baking wait), since a local endpoint starts in seconds.
    /// </summary>
    public JsonObject ConfigurationDocument()
    {
        var document = Pipeline;
        var training = document.TryGetValue("training", out var t) && t is JsonObject to ? to : JsonObject.Empty;
        if (Data.Count > 0 && !training.ContainsKey("channels"))
        {
            training = training.With("channels", JsonArray.Create(Data.Keys.Select(channel => (JsonValue)JsonObject.Create(("name", channel), ("uri", ChannelUri(channel))))));
            document = document.With("training", training);
        }

        if (Sample is { } sample && !document.ContainsKey("smokeTest"))
            document = document.With("smokeTest", JsonObject.Create(("body", sample.Body), ("contentType", sample.ContentType)));
        var guardrails = document.TryGetValue("guardrails", out var g) && g is JsonObject go ? go : JsonObject.Empty;
        if (!guardrails.ContainsKey("pollSeconds"))
            guardrails = guardrails.With("pollSeconds", JsonNumber.From(1));
        if (!guardrails.ContainsKey("waitSeconds"))
            guardrails = guardrails.With("waitSeconds", JsonNumber.From(0));
        return document.With("guardrails", guardrails);
    }
}
