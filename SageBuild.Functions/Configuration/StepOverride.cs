namespace SageBuild.Functions.Configuration;

/// <summary>Your own implementation of a pluggable step: a Lambda function or a registered C# class.</summary>
/// <param name="LambdaArn">A Lambda function that replaces the step (fixed at deploy time).</param>
/// <param name="Class">The name a C# implementation was registered under.</param>
public sealed record StepOverride(string? LambdaArn = null, string? Class = null);
