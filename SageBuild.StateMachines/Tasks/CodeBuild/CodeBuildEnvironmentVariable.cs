using SageBuild.StateMachines.Builders;

namespace SageBuild.StateMachines.Tasks.CodeBuild;

/// <summary>One environment variable override of a build.</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="Value">Its value (or the parameter or secret name).</param>
/// <param name="Type">Where the value comes from.</param>
public sealed record CodeBuildEnvironmentVariable(string Name, Field<string> Value, CodeBuildEnvironmentVariableType Type = CodeBuildEnvironmentVariableType.PLAINTEXT)
{
    internal TaskInput ToTaskInput() => TaskInput.FromObject(("Name", Name), ("Value", Value), ("Type", Type.ToString()));
}
