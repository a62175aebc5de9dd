using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.DynamoDb;

/// <summary>Reads an item (<c>arn:aws:states:::dynamodb:getItem</c>); the result holds <c>Item</c> in DynamoDB's wire form.</summary>
public sealed class DynamoGetItem : TaskStateBase
{
    private readonly DynamoGetItemOptions _options;

    /// <summary>A task named <paramref name="name"/> that reads the item in <paramref name="options"/>.</summary>
    public DynamoGetItem(string name, DynamoGetItemOptions options)
        : base(name, options, DynamoRequest.Supported, DynamoRequest.Resource("getItem", options), RequestOf(options!)) => _options = options!;

    /// <summary>The patterns this task supports.</summary>
    public static IReadOnlyList<IntegrationPattern> SupportedPatterns => DynamoRequest.Supported;

    private static TaskInput RequestOf(DynamoGetItemOptions options)
    {
        var request = DynamoRequest.Start(options)
            .Add("Key", DynamoAttributeValue.ToTaskInput(options.Key))
            .Add("ConsistentRead", options.ConsistentRead)
            .Add("ProjectionExpression", options.ProjectionExpression);
        return DynamoRequest.Finish(request, options, null).Build();
    }

    private protected override IEnumerable<PolicyStatement> TaskPolicyStatements() => [DynamoRequest.Policy(_options, "dynamodb:GetItem")];
}
