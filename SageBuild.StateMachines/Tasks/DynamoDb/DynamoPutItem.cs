using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.DynamoDb;

/// <summary>Writes an item (<c>arn:aws:states:::dynamodb:putItem</c>).</summary>
public sealed class DynamoPutItem : TaskStateBase
{
    private readonly DynamoPutItemOptions _options;

    /// <summary>A task named <paramref name="name"/> that writes the item in <paramref name="options"/>.</summary>
    public DynamoPutItem(string name, DynamoPutItemOptions options)
        : base(name, options, DynamoRequest.Supported, DynamoRequest.Resource("putItem", options), RequestOf(options!)) => _options = options!;

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => DynamoRequest.Supported;

    private static TaskInput RequestOf(DynamoPutItemOptions options)
    {
        var request = DynamoRequest.Start(options)
            .Add("Item", DynamoAttributeValue.ToTaskInput(options.Item))
            .Add("ConditionExpression", options.ConditionExpression)
            .Add("ReturnValues", options.ReturnValues?.ToString());
        return DynamoRequest.Finish(request, options, options.ExpressionAttributeValues).Build();
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements() => [DynamoRequest.Policy(_options, "dynamodb:PutItem")];
}
