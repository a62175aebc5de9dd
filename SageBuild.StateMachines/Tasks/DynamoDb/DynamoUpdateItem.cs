using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.DynamoDb;

/// <summary>Updates an item (<c>arn:aws:states:::dynamodb:updateItem</c>), for example to increment a build counter atomically.</summary>
public sealed class DynamoUpdateItem : TaskStateBase
{
    private readonly DynamoUpdateItemOptions _options;

    /// <summary>A task named <paramref name="name"/> that updates the item in <paramref name="options"/>.</summary>
    public DynamoUpdateItem(string name, DynamoUpdateItemOptions options)
        : base(name, options, DynamoRequest.Supported, DynamoRequest.Resource("updateItem", options), RequestOf(options!)) => _options = options!;

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => DynamoRequest.Supported;

    private static TaskInput RequestOf(DynamoUpdateItemOptions options)
    {
        var request = DynamoRequest.Start(options)
            .Add("Key", DynamoAttributeValue.ToTaskInput(options.Key))
            .Add("UpdateExpression", options.UpdateExpression)
            .Add("ConditionExpression", options.ConditionExpression)
            .Add("ReturnValues", options.ReturnValues?.ToString());
        return DynamoRequest.Finish(request, options, options.ExpressionAttributeValues).Build();
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements() => [DynamoRequest.Policy(_options, "dynamodb:UpdateItem")];
}
