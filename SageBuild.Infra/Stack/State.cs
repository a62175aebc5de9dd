using SageBuild.Infra.Model;
using SageBuild.Infra.Pipeline;
using SageBuild.StateMachines.Json;

namespace SageBuild.Infra.Stack;

/// <summary>
/// The pipeline's state: the DynamoDB build ledger (the model registry that the gate, rollback and status read) and
/// the SSM parameter holding the configuration document.
/// </summary>
internal static class State
{
    /// <summary>SSM's Standard tier holds up to 4 KB; a larger document needs the Advanced tier (up to 8 KB).</summary>
    private const int StandardTierLimit = 4096;

    public static Resource AddLedger(StackContext stack, LedgerKeySchema keys)
    {
        var attributes = new List<PropertyValue> { new MapValue { ["name"] = keys.PartitionKey, ["type"] = keys.PartitionKeyType } };
        if (keys.SortKey is not null)
            attributes.Add(new MapValue { ["name"] = keys.SortKey, ["type"] = keys.SortKeyType ?? "S" });
        return stack.Add("ledgerTable", AwsTypes.DynamoTable, new MapValue
        {
            ["name"] = stack.Names.Ledger,
            ["billingMode"] = "PAY_PER_REQUEST",
            ["hashKey"] = keys.PartitionKey,
            ["rangeKey"] = keys.SortKey is null ? null : PropertyValue.Text(keys.SortKey),
            ["attributes"] = new ListValue(attributes),
            ["pointInTimeRecovery"] = new MapValue { ["enabled"] = true },
            ["serverSideEncryption"] = new MapValue { ["enabled"] = true },
            ["deletionProtectionEnabled"] = stack.Settings.Protect,
            ["tags"] = stack.Tags,
        }, new ResourceOptions { Protect = stack.Settings.Protect });
    }

    public static Resource AddConfigParameter(StackContext stack, JsonValue initialConfiguration)
    {
        var size = initialConfiguration.Utf8Length();
        return stack.Add("configParameter", AwsTypes.SsmParameter, new MapValue
        {
            ["name"] = stack.Names.ConfigParameter,
            ["description"] = $"SageBuild configuration of the {stack.Settings.Stack} stack; edit it at run time, pulumi up keeps your edits",
            ["type"] = "String",
            ["tier"] = size > StandardTierLimit ? "Advanced" : "Standard",
            ["value"] = FunctionCall.ToJson(JsonProperties.Literal(initialConfiguration)),
            ["tags"] = stack.Tags,
        },
        // The document is edited at run time (sagebuild params set, the console); pulumi up must not undo that.
        new ResourceOptions { IgnoreChanges = ["value"] });
    }
}
