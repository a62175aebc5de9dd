using SageBuild.Infra.Model;
using SageBuild.Infra.Pipeline;

namespace SageBuild.Infra.Stack;

/// <summary>A deployed Lambda handler: the handler, its function resource and its log group.</summary>
/// <param name="Handler">The handler as the pipeline described it.</param>
/// <param name="Function">The aws:lambda:Function.</param>
/// <param name="LogGroup">Its own log group.</param>
internal sealed record StackFunction(LambdaHandler Handler, Resource Function, Resource LogGroup);
