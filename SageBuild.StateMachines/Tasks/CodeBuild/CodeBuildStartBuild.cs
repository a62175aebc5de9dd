using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.CodeBuild;

/// <summary>Starts a CodeBuild build (<c>arn:aws:states:::codebuild:startBuild</c>), and with <see cref="IntegrationPattern.RunJob"/> waits for it.</summary>
public sealed class CodeBuildStartBuild : TaskStateBase
{
    private static readonly IntegrationPattern[] Supported = [IntegrationPattern.RequestResponse, IntegrationPattern.RunJob];
    private readonly CodeBuildStartBuildOptions _options;

    /// <summary>A task named <paramref name="name"/> that builds the project in <paramref name="options"/>.</summary>
    public CodeBuildStartBuild(string name, CodeBuildStartBuildOptions options)
        : base(name, options, Supported, IntegrationArn.For("codebuild", "startBuild", options?.IntegrationPattern ?? default), RequestOf(options!)) => _options = options!;

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => Supported;

    private static TaskInput RequestOf(CodeBuildStartBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RequestBuilder()
            .Add("ProjectName", options.ProjectName)
            .Add("SourceVersion", options.SourceVersion)
            .AddList("EnvironmentVariablesOverride", options.EnvironmentVariablesOverride, v => v.ToTaskInput())
            .Add("BuildspecOverride", options.BuildspecOverride)
            .Build();
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements()
    {
        var project = _options.ProjectName;
        var arn = project.IsDynamic ? Arn.CodeBuildProject(IamResources.NamePattern(project))
            : Iam.Arn.IsArn(project.Value!) ? project.Value! : Arn.CodeBuildProject(project.Value!);

        // StopBuild lets a stopped execution stop its build; BatchGetBuilds is how .sync (and callers) read its status.
        yield return PolicyStatement.Allow(arn, "codebuild:StartBuild", "codebuild:StopBuild", "codebuild:BatchGetBuilds");
        if (IntegrationPattern == IntegrationPattern.RunJob)
        {
            yield return PolicyStatement.Allow(Arn.Events("rule/StepFunctionsGetEventsForCodeBuildStartBuildRule"),
                "events:PutTargets", "events:PutRule", "events:DescribeRule");
        }
    }
}
