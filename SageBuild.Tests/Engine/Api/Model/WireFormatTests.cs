using System.Text.Json;
using SageBuild.Engine.Api.Model;

namespace SageBuild.Tests.Engine.Api.Model;

public sealed class WireFormatTests
{
    [Test]
    public void Writes_timestamps_as_epoch_seconds_with_milliseconds()
    {
        var output = new StartExecutionOutput { ExecutionArn = "arn", StartDate = DateTimeOffset.FromUnixTimeMilliseconds(1_773_500_966_123) };
        var json = JsonSerializer.Serialize(output, StepFunctionsJsonContext.Default.StartExecutionOutput);
        Assert.That(json, Is.EqualTo("""{"executionArn":"arn","startDate":1773500966.123}"""));
    }

    [Test]
    public void Reads_timestamps_written_as_whole_or_fractional_seconds()
    {
        var whole = JsonSerializer.Deserialize("""{"executionArn":"a","startDate":1773500966}""", StepFunctionsJsonContext.Default.StartExecutionOutput)!;
        var fraction = JsonSerializer.Deserialize("""{"executionArn":"a","startDate":1.773500966123E9}""", StepFunctionsJsonContext.Default.StartExecutionOutput)!;
        Assert.That(whole.StartDate, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1_773_500_966)));
        Assert.That(fraction.StartDate, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1_773_500_966_123)));
    }

    [Test]
    public void Leaves_unset_members_out_and_writes_enumerations_as_AWS_spells_them()
    {
        var json = JsonSerializer.Serialize(new ListExecutionsInput { StatusFilter = ExecutionStatus.TimedOut }, StepFunctionsJsonContext.Default.ListExecutionsInput);
        Assert.That(json, Is.EqualTo("""{"statusFilter":"TIMED_OUT"}"""));
    }

    [Test]
    public void Reads_an_enumeration_value_newer_than_the_model_without_failing()
    {
        var item = JsonSerializer.Deserialize("""{"type":"SomethingAwsAddedLater","id":7,"timestamp":0}""", StepFunctionsJsonContext.Default.HistoryEvent)!;
        Assert.That(item.Type.Value, Is.EqualTo("SomethingAwsAddedLater"));
        Assert.That(item.Type.IsKnown, Is.False);
        Assert.That(HistoryEventType.ExecutionStarted.IsKnown, Is.True);
    }
}
