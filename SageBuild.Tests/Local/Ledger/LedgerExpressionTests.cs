using SageBuild.Local.Ledger;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Local.Ledger;

/// <summary>ConditionExpression, UpdateExpression and ReturnValues on the ledger, checked against DynamoDB's documented semantics.</summary>
public sealed class LedgerExpressionTests
{
    private const string Build = """
        {"pk": {"S": "build#3"}, "status": {"S": "DEPLOYED"}, "auc": {"N": "0.91"}, "attempts": {"N": "2"},
         "tags": {"SS": ["blue", "canary"]}, "steps": {"L": [{"S": "train"}, {"S": "deploy"}]},
         "metrics": {"M": {"auc": {"N": "0.91"}, "loss": {"N": "0.2"}}}, "commit": {"S": "a1b2c3"}, "deleted": {"NULL": true}}
        """;

    [TestCase("attribute_exists(pk)", true)]
    [TestCase("attribute_not_exists(pk)", false)]
    [TestCase("attribute_not_exists(rolledBackAt)", true)]
    [TestCase("attribute_exists(metrics.auc)", true)]
    [TestCase("attribute_exists(steps[1])", true)]
    [TestCase("attribute_exists(steps[2])", false)]
    [TestCase("#s = :deployed", true)]
    [TestCase("#s <> :deployed", false)]
    [TestCase("missing <> :deployed", true, TestName = "An absent attribute is not equal to a value")]
    [TestCase("missing = :deployed", false)]
    [TestCase("missing < :one", false)]
    [TestCase("auc > :half", true)]
    [TestCase("auc >= :auc", true)]
    [TestCase("auc < :half", false)]
    [TestCase("attempts <= :two", true)]
    [TestCase("#s > :one", false, TestName = "Values of different types are not ordered")]
    [TestCase("auc BETWEEN :half AND :one", true)]
    [TestCase("attempts BETWEEN :three AND :four", false)]
    [TestCase("#s IN (:rejected, :deployed)", true)]
    [TestCase("#s IN (:rejected)", false)]
    [TestCase("#s = :rejected OR auc > :half AND attempts = :two", true, TestName = "AND binds tighter than OR")]
    [TestCase("(#s = :rejected OR auc > :half) AND attempts = :three", false)]
    [TestCase("NOT #s = :rejected", true)]
    [TestCase("NOT (#s = :deployed AND auc > :half)", false)]
    [TestCase("not #s = :rejected and attempts = :two", true, TestName = "Keywords are case-insensitive")]
    [TestCase("begins_with(#c, :prefix)", true)]
    [TestCase("begins_with(#s, :prefix)", false)]
    [TestCase("contains(tags, :blue)", true)]
    [TestCase("contains(#c, :b2)", true)]
    [TestCase("contains(steps, :train)", true)]
    [TestCase("size(tags) = :two", true)]
    [TestCase("size(steps) > :two", false)]
    [TestCase("attribute_type(deleted, :null)", true)]
    [TestCase("attribute_type(auc, :null)", false)]
    [TestCase("metrics.auc = :auc", true)]
    [TestCase("steps[0] = :train", true)]
    public void A_condition_on_a_stored_build_holds_as_DynamoDB_evaluates_it(string condition, bool holds)
    {
        using var ledger = new LedgerTestTable();
        ledger.Put(Build);
        var values = AllValues.Where(v => condition.Contains(v.Key, StringComparison.Ordinal)).ToArray();
        var names = AllNames.Where(n => condition.Contains(n.Key, StringComparison.Ordinal)).ToArray();
        var request = JsonObject.Create(
                ("TableName", LedgerTestTable.Table), ("Key", JsonValue.Parse("""{"pk": {"S": "build#3"}}""")),
                ("UpdateExpression", "SET checkedAt = :now"), ("ConditionExpression", condition))
            .With("ExpressionAttributeValues", JsonObject.Create(values.Append(new(":now", JsonValue.Parse("""{"S": "2024-05-15T12:00:00Z"}""")))));
        if (names.Length > 0)
            request = request.With("ExpressionAttributeNames", JsonObject.Create(names));

        if (holds)
        {
            Assert.DoesNotThrow(() => ledger.Store.UpdateItem(request));
        }
        else
        {
            var error = Assert.Throws<DynamoDbException>(() => ledger.Store.UpdateItem(request));
            Assert.That(error!.ErrorCode, Is.EqualTo("ConditionalCheckFailedException"));
            Assert.That(error.Message, Is.EqualTo("The conditional request failed"));
        }
    }

    [Test]
    public void SET_with_arithmetic_if_not_exists_and_list_append_writes_every_path()
    {
        using var ledger = new LedgerTestTable();
        ledger.Put(Build);

        var response = ledger.Update("""
            {"TableName": "sagebuild-builds", "Key": {"pk": {"S": "build#3"}},
             "UpdateExpression": "SET attempts = attempts + :one, firstSeen = if_not_exists(firstSeen, :now), steps = list_append(steps, :more), metrics.f1 = :f1 REMOVE #c ADD labels :green DELETE tags :canary",
             "ExpressionAttributeNames": {"#c": "commit"},
             "ExpressionAttributeValues": {":one": {"N": "1"}, ":now": {"S": "t0"}, ":more": {"L": [{"S": "notify"}]}, ":f1": {"N": "0.8"}, ":green": {"SS": ["green"]}, ":canary": {"SS": ["canary"]}},
             "ReturnValues": "ALL_NEW"}
            """);

        Assert.That(response["Attributes"], Is.EqualTo(JsonValue.Parse("""
            {"pk": {"S": "build#3"}, "status": {"S": "DEPLOYED"}, "auc": {"N": "0.91"}, "attempts": {"N": "3"},
             "tags": {"SS": ["blue"]}, "steps": {"L": [{"S": "train"}, {"S": "deploy"}, {"S": "notify"}]},
             "metrics": {"M": {"auc": {"N": "0.91"}, "loss": {"N": "0.2"}, "f1": {"N": "0.8"}}}, "deleted": {"NULL": true}, "firstSeen": {"S": "t0"}, "labels": {"SS": ["green"]}}
            """)));
    }

    [Test]
    public void Operands_are_read_from_the_item_as_it_was_before_the_update()
    {
        using var ledger = new LedgerTestTable();
        ledger.Put("""{"pk": {"S": "swap"}, "a": {"N": "1"}, "b": {"N": "2"}}""");

        ledger.Update("""{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "swap"}}, "UpdateExpression": "SET a = b, b = a"}""");

        Assert.That(ledger.Get("swap"), Is.EqualTo(JsonValue.Parse("""{"pk": {"S": "swap"}, "a": {"N": "2"}, "b": {"N": "1"}}""")));
    }

    [Test]
    public void REMOVE_of_several_list_elements_refers_to_their_original_positions()
    {
        using var ledger = new LedgerTestTable();
        ledger.Put("""{"pk": {"S": "list"}, "l": {"L": [{"N": "0"}, {"N": "1"}, {"N": "2"}, {"N": "3"}]}}""");

        ledger.Update("""{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "list"}}, "UpdateExpression": "REMOVE l[1], l[2]"}""");

        Assert.That(ledger.Get("list"), Is.EqualTo(JsonValue.Parse("""{"pk": {"S": "list"}, "l": {"L": [{"N": "0"}, {"N": "3"}]}}""")));
    }

    [TestCase("NONE", null)]
    [TestCase("ALL_OLD", """{"pk": {"S": "rv"}, "n": {"N": "1"}, "gone": {"S": "x"}, "m": {"M": {"a": {"N": "1"}, "b": {"N": "2"}}}}""")]
    [TestCase("UPDATED_OLD", """{"n": {"N": "1"}, "gone": {"S": "x"}, "m": {"M": {"a": {"N": "1"}}}}""")]
    [TestCase("ALL_NEW", """{"pk": {"S": "rv"}, "n": {"N": "1.5"}, "m": {"M": {"a": {"N": "10"}, "b": {"N": "2"}}}, "added": {"BOOL": true}}""")]
    [TestCase("UPDATED_NEW", """{"n": {"N": "1.5"}, "m": {"M": {"a": {"N": "10"}}}, "added": {"BOOL": true}}""")]
    public void ReturnValues_give_the_documented_attributes(string returnValues, string? expected)
    {
        using var ledger = new LedgerTestTable();
        ledger.Put("""{"pk": {"S": "rv"}, "n": {"N": "1"}, "gone": {"S": "x"}, "m": {"M": {"a": {"N": "1"}, "b": {"N": "2"}}}}""");

        var response = ledger.Update($$$$"""
            {"TableName": "sagebuild-builds", "Key": {"pk": {"S": "rv"}}, "ReturnValues": "{{{{returnValues}}}}",
             "UpdateExpression": "SET n = n + :half, m.a = :ten, added = :yes REMOVE gone",
             "ExpressionAttributeValues": {":half": {"N": "0.50"}, ":ten": {"N": "10"}, ":yes": {"BOOL": true}}}
            """);

        Assert.That(response.TryGetValue("Attributes", out var attributes) ? attributes : null, Is.EqualTo(expected is null ? null : JsonValue.Parse(expected)));
    }

    [Test]
    public void UpdateItem_on_an_absent_item_creates_it_from_its_key_and_UPDATED_OLD_returns_nothing()
    {
        using var ledger = new LedgerTestTable();

        var response = ledger.Update("""
            {"TableName": "sagebuild-builds", "Key": {"pk": {"S": "new"}}, "UpdateExpression": "SET #s = :s",
             "ExpressionAttributeNames": {"#s": "status"}, "ExpressionAttributeValues": {":s": {"S": "RUNNING"}}, "ReturnValues": "UPDATED_OLD"}
            """);

        Assert.That(response, Is.EqualTo(JsonObject.Empty));
        Assert.That(ledger.Get("new"), Is.EqualTo(JsonValue.Parse("""{"pk": {"S": "new"}, "status": {"S": "RUNNING"}}""")));
    }

    [Test]
    public void GetItem_returns_every_type_as_stored_with_numbers_in_canonical_form_and_honours_a_projection()
    {
        using var ledger = new LedgerTestTable();
        ledger.Put("""
            {"pk": {"S": "types"}, "n": {"N": "01.50"}, "b": {"B": "AQID"}, "t": {"BOOL": false}, "z": {"NULL": true},
             "ns": {"NS": ["1", "2.0"]}, "bs": {"BS": ["AQ=="]}, "l": {"L": [{"M": {"x": {"S": "y"}}}, {"S": "keep"}]}}
            """);

        Assert.That(ledger.Get("types"), Is.EqualTo(JsonValue.Parse("""
            {"pk": {"S": "types"}, "n": {"N": "1.5"}, "b": {"B": "AQID"}, "t": {"BOOL": false}, "z": {"NULL": true},
             "ns": {"NS": ["1", "2"]}, "bs": {"BS": ["AQ=="]}, "l": {"L": [{"M": {"x": {"S": "y"}}}, {"S": "keep"}]}}
            """)));
        var projected = ledger.Store.GetItem((JsonObject)JsonValue.Parse("""
            {"TableName": "sagebuild-builds", "Key": {"pk": {"S": "types"}}, "ProjectionExpression": "#n, l[1]", "ExpressionAttributeNames": {"#n": "n"}}
            """));
        Assert.That(projected["Item"], Is.EqualTo(JsonValue.Parse("""{"n": {"N": "1.5"}, "l": {"L": [{"S": "keep"}]}}""")));
    }

    [Test]
    public async Task GetItem_of_an_absent_item_has_no_Item_field()
    {
        using var ledger = new LedgerTestTable();

        var outcome = await ledger.InvokeAsync("getItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "nothing"}}, "ConsistentRead": true}""");

        Assert.That(((JsonObject)outcome.Result!).ContainsKey("Item"), Is.False);
    }

    [Test]
    public async Task A_second_create_of_the_same_build_fails_with_the_error_Step_Functions_names()
    {
        using var ledger = new LedgerTestTable();
        const string create = """
            {"TableName": "sagebuild-builds", "Item": {"pk": {"S": "build#9"}, "status": {"S": "RUNNING"}}, "ConditionExpression": "attribute_not_exists(pk)"}
            """;

        var first = await ledger.InvokeAsync("putItem", create);
        var second = await ledger.InvokeAsync("putItem", create);

        Assert.That(first.Failed, Is.False);
        Assert.That(second.Error, Is.EqualTo("DynamoDB.ConditionalCheckFailedException"));
        Assert.That(second.Cause, Does.StartWith("The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: "));
    }

    [Test]
    public async Task PutItem_with_ALL_OLD_returns_the_replaced_item()
    {
        using var ledger = new LedgerTestTable();
        ledger.Put("""{"pk": {"S": "p"}, "v": {"N": "1"}}""");

        var outcome = await ledger.InvokeAsync("putItem", """{"TableName": "sagebuild-builds", "Item": {"pk": {"S": "p"}, "v": {"N": "2"}}, "ReturnValues": "ALL_OLD"}""");

        Assert.That(((JsonObject)outcome.Result!)["Attributes"], Is.EqualTo(JsonValue.Parse("""{"pk": {"S": "p"}, "v": {"N": "1"}}""")));
        Assert.That(ledger.Get("p"), Is.EqualTo(JsonValue.Parse("""{"pk": {"S": "p"}, "v": {"N": "2"}}""")));
    }

    [Test]
    public async Task A_table_with_a_numeric_partition_key_and_a_sort_key_keys_items_by_both()
    {
        using var ledger = new LedgerTestTable();
        await ledger.InvokeAsync("putItem", """{"TableName": "events", "Item": {"build": {"N": "3"}, "at": {"S": "t1"}, "e": {"S": "started"}}}""");
        await ledger.InvokeAsync("putItem", """{"TableName": "events", "Item": {"build": {"N": "3.0"}, "at": {"S": "t2"}, "e": {"S": "ended"}}}""");

        var first = await ledger.InvokeAsync("getItem", """{"TableName": "events", "Key": {"build": {"N": "3"}, "at": {"S": "t1"}}}""");
        var second = await ledger.InvokeAsync("getItem", """{"TableName": "events", "Key": {"build": {"N": "3"}, "at": {"S": "t2"}}}""");

        Assert.That(((JsonObject)((JsonObject)first.Result!)["Item"])["e"], Is.EqualTo(JsonValue.Parse("""{"S": "started"}""")));
        Assert.That(((JsonObject)((JsonObject)second.Result!)["Item"])["e"], Is.EqualTo(JsonValue.Parse("""{"S": "ended"}""")), "3.0 and 3 are the same key");
    }

    [TestCase("updateItem", """{"TableName": "nope", "Key": {"pk": {"S": "x"}}}""", "DynamoDB.ResourceNotFoundException", "Requested resource not found: Table: nope not found")]
    [TestCase("getItem", """{"TableName": "sagebuild-builds", "Key": {"id": {"S": "x"}}}""", "DynamoDB.AmazonDynamoDBException", "The provided key element does not match the schema")]
    [TestCase("getItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"N": "1"}}}""", "DynamoDB.AmazonDynamoDBException", "The provided key element does not match the schema")]
    [TestCase("putItem", """{"TableName": "sagebuild-builds", "Item": {"status": {"S": "x"}}}""", "DynamoDB.AmazonDynamoDBException", "One or more parameter values were invalid: Missing the key pk in the item")]
    [TestCase("putItem", """{"TableName": "sagebuild-builds", "Item": {"pk": {"N": "1"}}}""", "DynamoDB.AmazonDynamoDBException", "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N")]
    [TestCase("putItem", """{"TableName": "sagebuild-builds", "Item": {"pk": {"S": "x"}}, "ReturnValues": "ALL_NEW"}""", "DynamoDB.AmazonDynamoDBException", "ReturnValues can only be ALL_OLD or NONE")]
    [TestCase("updateItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "x"}}, "UpdateExpression": "SET #a = :v", "ExpressionAttributeValues": {":v": {"S": "1"}}}""", "DynamoDB.AmazonDynamoDBException", "An expression attribute name used in the document path is not defined; attribute name: #a")]
    [TestCase("updateItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "x"}}, "UpdateExpression": "SET a = :v"}""", "DynamoDB.AmazonDynamoDBException", "An expression attribute value used in expression is not defined; attribute value: :v")]
    [TestCase("updateItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "x"}}, "UpdateExpression": "SET a = :v", "ExpressionAttributeValues": {":v": {"S": "1"}, ":w": {"S": "2"}}}""", "DynamoDB.AmazonDynamoDBException", "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}")]
    [TestCase("updateItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "x"}}, "UpdateExpression": "SET a = :v", "ExpressionAttributeNames": {"#x": "x"}, "ExpressionAttributeValues": {":v": {"S": "1"}}}""", "DynamoDB.AmazonDynamoDBException", "Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}")]
    [TestCase("updateItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "x"}}, "UpdateExpression": "SET a = :v SET b = :v", "ExpressionAttributeValues": {":v": {"S": "1"}}}""", "DynamoDB.AmazonDynamoDBException", "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;")]
    [TestCase("updateItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "x"}}, "UpdateExpression": "SET a = :v, a.b = :v", "ExpressionAttributeValues": {":v": {"S": "1"}}}""", "DynamoDB.AmazonDynamoDBException", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]")]
    [TestCase("updateItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "x"}}, "UpdateExpression": "SET pk = :v", "ExpressionAttributeValues": {":v": {"S": "1"}}}""", "DynamoDB.AmazonDynamoDBException", "Cannot update attribute pk. This attribute is part of the key")]
    [TestCase("updateItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "x"}}, "UpdateExpression": "SET l = :v, l[0] = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}""", "DynamoDB.AmazonDynamoDBException", "Two document paths overlap")]
    [TestCase("updateItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "x"}}, "UpdateExpression": "ADD a :v", "ExpressionAttributeValues": {":v": {"S": "1"}}}""", "DynamoDB.AmazonDynamoDBException", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING")]
    [TestCase("updateItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "x"}}, "UpdateExpression": "SET a = missing + :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}""", "DynamoDB.AmazonDynamoDBException", "The provided expression refers to an attribute that does not exist in the item")]
    [TestCase("updateItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "x"}}, "UpdateExpression": "SET a = :v", "ConditionExpression": "a = = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}""", "DynamoDB.AmazonDynamoDBException", "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"a = = :v\"")]
    [TestCase("updateItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "x"}}, "UpdateExpression": "SET a = :v", "ConditionExpression": "exists(a)", "ExpressionAttributeValues": {":v": {"N": "1"}}}""", "DynamoDB.AmazonDynamoDBException", "Invalid ConditionExpression: Invalid function name; function: exists")]
    [TestCase("updateItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "x"}}, "UpdateExpression": "SET a = :v", "ExpressionAttributeValues": {":v": {"N": "one"}}}""", "DynamoDB.AmazonDynamoDBException", "A value provided cannot be converted into a number")]
    [TestCase("updateItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "x"}}, "UpdateExpression": "SET a = :v", "ExpressionAttributeValues": {":v": {"S": "1", "N": "1"}}}""", "DynamoDB.AmazonDynamoDBException", "Supplied AttributeValue has more than one datatypes set")]
    [TestCase("updateItem", """{"TableName": "sagebuild-builds", "Key": {"pk": {"S": "x"}}, "UpdateExpression": "SET a = :v", "ExpressionAttributeValues": {":v": {"SS": []}}}""", "DynamoDB.AmazonDynamoDBException", "An SS set may not be empty")]
    public async Task A_bad_request_fails_with_the_error_name_and_message_DynamoDB_gives(string action, string parameters, string error, string message)
    {
        using var ledger = new LedgerTestTable();

        var outcome = await ledger.InvokeAsync(action, parameters);

        Assert.That(outcome.Error, Is.EqualTo(error));
        Assert.That(outcome.Cause, Does.Contain(message));
        Assert.That(outcome.Cause, Does.Contain("(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: "));
    }

    private static readonly KeyValuePair<string, JsonValue>[] AllValues =
    [
        new(":deployed", JsonValue.Parse("""{"S": "DEPLOYED"}""")),
        new(":rejected", JsonValue.Parse("""{"S": "REJECTED"}""")),
        new(":half", JsonValue.Parse("""{"N": "0.5"}""")),
        new(":auc", JsonValue.Parse("""{"N": "0.910"}""")),
        new(":one", JsonValue.Parse("""{"N": "1"}""")),
        new(":two", JsonValue.Parse("""{"N": "2"}""")),
        new(":three", JsonValue.Parse("""{"N": "3"}""")),
        new(":four", JsonValue.Parse("""{"N": "4"}""")),
        new(":prefix", JsonValue.Parse("""{"S": "a1"}""")),
        new(":blue", JsonValue.Parse("""{"S": "blue"}""")),
        new(":b2", JsonValue.Parse("""{"S": "b2"}""")),
        new(":train", JsonValue.Parse("""{"S": "train"}""")),
        new(":null", JsonValue.Parse("""{"S": "NULL"}""")),
    ];

    private static readonly KeyValuePair<string, JsonValue>[] AllNames = [new("#s", "status"), new("#c", "commit")];
}
