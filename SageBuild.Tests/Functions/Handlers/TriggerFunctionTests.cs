using SageBuild.Functions.Handlers;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Functions.Handlers;

/// <summary>Each trigger's real event shape becomes one build request.</summary>
public sealed class TriggerFunctionTests
{
    private static JsonObject Request(string e) =>
        (JsonObject)((JsonObject)new TriggerFunction().Handle(JsonValue.Parse($$"""{"event": {{e}}, "executionName": "exec-1", "time": "2026-11-25T10:00:00Z"}""")))["request"];

    [Test]
    public void A_CodeCommit_push_event_names_its_commit_and_branch()
    {
        var r = Request("""
            {"version": "0", "id": "e1", "detail-type": "CodeCommit Repository State Change", "source": "aws.codecommit", "account": "123456789012",
             "time": "2026-11-25T09:59:00Z", "region": "us-east-1", "resources": ["arn:aws:codecommit:us-east-1:123456789012:models"],
             "detail": {"callerUserArn": "arn:aws:iam::123456789012:user/dev", "commitId": "5e2b1c0d9a8f", "event": "referenceUpdated",
                        "oldCommitId": "0a1b2c", "referenceFullName": "refs/heads/dev", "referenceName": "dev", "referenceType": "branch", "repositoryName": "models"}}
            """);
        Assert.That(r.ToJson(), Is.EqualTo("""{"source":"codecommit","commit":"5e2b1c0d9a8f","branch":"dev","detail":"push to models/dev","requestedAt":"2026-11-25T09:59:00Z"}"""));
    }

    [Test]
    public void An_S3_object_created_event_names_the_object()
    {
        var r = Request("""
            {"version": "0", "detail-type": "Object Created", "source": "aws.s3", "time": "2026-11-25T09:58:00Z", "region": "us-east-1",
             "detail": {"version": "0", "bucket": {"name": "sagebuild-data"}, "object": {"key": "data/2026/11/rides.csv", "size": 1024}, "reason": "PutObject"}}
            """);
        Assert.That(r["source"], Is.EqualTo((JsonValue)"s3"));
        Assert.That(r["object"], Is.EqualTo((JsonValue)"s3://sagebuild-data/data/2026/11/rides.csv"));
    }

    [Test]
    public void A_scheduled_event_names_its_rule()
    {
        var r = Request("""
            {"version": "0", "detail-type": "Scheduled Event", "source": "aws.events", "time": "2026-11-25T06:00:00Z",
             "resources": ["arn:aws:events:us-east-1:123456789012:rule/sagebuild-dev-retrain"], "detail": {}}
            """);
        Assert.That(r["detail"], Is.EqualTo((JsonValue)"scheduled by sagebuild-dev-retrain"));
        Assert.That(r["commit"], Is.EqualTo(JsonValue.Null));
    }

    [Test]
    public void A_burst_of_launch_topic_messages_becomes_one_request_for_the_newest()
    {
        var r = Request("""
            {"Records": [
              {"EventSource": "aws:sns", "Sns": {"Type": "Notification", "TopicArn": "arn:aws:sns:us-east-1:123456789012:launch", "Message": "{\"commit\": \"old\"}", "Timestamp": "2026-11-25T09:00:00.000Z"}},
              {"EventSource": "aws:sns", "Sns": {"Type": "Notification", "TopicArn": "arn:aws:sns:us-east-1:123456789012:launch", "Subject": "retrain", "Message": "{\"commit\": \"new\", \"reason\": \"new data\"}", "Timestamp": "2026-11-25T09:05:00.000Z"}}]}
            """);
        Assert.That(r["commit"], Is.EqualTo((JsonValue)"new"));
        Assert.That(r["detail"], Is.EqualTo((JsonValue)"new data"));
        Assert.That(r["coalesced"], Is.EqualTo((JsonValue)"2"));
    }

    [Test]
    public void A_GitHub_push_names_the_head_commit_and_pusher()
    {
        var r = Request("""{"ref": "refs/heads/main", "after": "9f8e7d6c", "repository": {"full_name": "acme/models"}, "pusher": {"name": "ada"}, "head_commit": {"timestamp": "2026-11-25T08:00:00Z"}}""");
        Assert.That(r["detail"], Is.EqualTo((JsonValue)"push to acme/models/main by ada"));
        Assert.That(r["branch"], Is.EqualTo((JsonValue)"main"));
    }

    [Test]
    public void A_handed_over_build_keeps_its_request_and_the_lock_token_it_was_given()
    {
        var result = (JsonObject)new TriggerFunction().Handle(JsonValue.Parse("""{"event": {"request": {"source": "git", "commit": "c3"}, "lockToken": "next-exec-0"}, "executionName": "exec-2"}"""));
        Assert.That(result["lockToken"], Is.EqualTo((JsonValue)"next-exec-0"));
        Assert.That(((JsonObject)result["request"])["commit"], Is.EqualTo((JsonValue)"c3"));
    }

    [Test]
    public void Nothing_at_all_is_a_manual_build_holding_the_lock_with_its_execution_name()
    {
        var result = (JsonObject)new TriggerFunction().Handle(JsonValue.Parse("""{"event": {}, "executionName": "exec-3", "time": "2026-11-25T10:00:00Z"}"""));
        Assert.That(result["lockToken"], Is.EqualTo((JsonValue)"exec-3"));
        Assert.That(((JsonObject)result["request"])["source"], Is.EqualTo((JsonValue)"manual"));
    }
}
