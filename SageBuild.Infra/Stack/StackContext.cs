using SageBuild.Infra.Configuration;
using SageBuild.Infra.Model;
using SageBuild.StateMachines.Iam;
using SageBuild.StateMachines.Json;

namespace SageBuild.Infra.Stack;

/// <summary>
/// What every part of the stack shares while it is built: the program being filled, the settings, the names, and the
/// account, region and partition (read from the provider at deploy time through <c>fn::invoke</c>).
/// </summary>
internal sealed class StackContext
{
    public StackContext(InfraSettings settings)
    {
        Settings = settings;
        Program = new PulumiProgram(settings.Project, "SageBuild: continuous delivery of ML models on AWS SageMaker (printed by SageBuild.Infra).");
        Partition = Program.AddVariable("partition", FunctionCall.Invoke("aws:getPartition", returnField: "partition"));
        Region = Program.AddVariable("region", FunctionCall.Invoke("aws:getRegion", returnField: "region"));
        AccountId = Program.AddVariable("accountId", FunctionCall.Invoke("aws:getCallerIdentity", returnField: "accountId"));
        Names = new StackNames(settings, AccountId, Region);
    }

    public InfraSettings Settings { get; }

    public PulumiProgram Program { get; }

    public StackNames Names { get; }

    public Reference Partition { get; }

    public Reference Region { get; }

    public Reference AccountId { get; }

    /// <summary>Every resource gets these tags, so a stack's resources can be found and billed together.</summary>
    public MapValue Tags => new()
    {
        ["sagebuild:project"] = Settings.Project,
        ["sagebuild:stack"] = Settings.Stack,
        ["sagebuild:branch"] = Settings.Branch,
    };

    public Resource Add(string name, ResourceType type, MapValue properties, ResourceOptions? options = null) =>
        Program.Add(new Resource(name, type, properties, options));

    /// <summary>
    /// The program value of a placeholder in text that came from the pipeline or from an IAM statement: the builders'
    /// ARN tokens become the partition, region and account variables, and <c>${name.path}</c> becomes a reference when
    /// the program defines <c>name</c>. Anything else is not a placeholder and stays literal.
    /// </summary>
    public Interpolation? Resolve(string placeholder)
    {
        switch (placeholder)
        {
            case ArnContext.PartitionToken: return Interpolation.Of(Partition);
            case ArnContext.RegionToken: return Interpolation.Of(Region);
            case ArnContext.AccountToken: return Interpolation.Of(AccountId);
            case ArnContext.StateMachineNameToken: return Interpolation.Literal(Names.StateMachine);
        }

        var expression = placeholder[2..^1];
        var dot = expression.IndexOf('.', StringComparison.Ordinal);
        var root = dot < 0 ? expression : expression[..dot];
        if (!Model.Reference.NamePattern().IsMatch(root) || !Program.Defines(root))
            return null;
        return Interpolation.Of(new Reference(root, dot < 0 ? null : expression[(dot + 1)..]));
    }

    /// <summary>Text with placeholders as a program string.</summary>
    public Interpolation Text(string text) => Interpolation.Parse(text, Resolve);

    /// <summary>JSON with placeholders as a program value.</summary>
    public PropertyValue Json(JsonValue json) => JsonProperties.From(json, Resolve);

    /// <summary>An IAM policy document of <paramref name="statements"/>, merged, as <c>fn::toJSON</c>.</summary>
    public FunctionCall Policy(IEnumerable<PolicyStatement> statements) =>
        FunctionCall.ToJson(Json(PolicyDocument.Create(statements).ToJsonValue()));

    /// <summary>The placeholder text of a reference, for values handed to the pipeline or to IAM statements.</summary>
    public static string Placeholder(Reference reference) => reference.ToString();

    /// <summary>The placeholder text of an interpolation.</summary>
    public static string Placeholder(Interpolation text) => text.ToYamlString();
}
