using SageBuild.Engine.Api;
using SageBuild.Engine.Mocks;
using SageBuild.Engine.Stores;
using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Engine.Mocks;

public sealed class MockConfigurationTests
{
    private const string Config = """
        {
          "StateMachines": {"StateMachine": {"TestCases": {
            "HappyPath": {"Train": "TrainOk"},
            "FlakyTraining": {"Train": "TrainFlaky"}}}},
          "MockedResponses": {
            "TrainOk": {"0": {"Return": {"TrainingJobStatus": "Completed"}}},
            "TrainFlaky": {
              "0-1": {"Throw": {"Error": "SageMaker.ResourceLimitExceeded", "Cause": "no capacity"}},
              "2": {"Return": {"TrainingJobStatus": "Completed", "attempt": 3}}}}
        }
        """;

    private const string Definition = """
        {"StartAt":"Train","States":{"Train":{"Type":"Task","Resource":"arn:aws:states:::sagemaker:createTrainingJob.sync",
          "Retry":[{"ErrorEquals":["SageMaker.ResourceLimitExceeded"],"MaxAttempts":2}],"End":true}}}
        """;

    [Test]
    public async Task A_test_case_serves_the_mocked_response_of_each_invocation_in_turn()
    {
        var (result, _) = await EngineHarness.RunAsync(Definition, "{}", b => b.UseMockConfiguration(MockConfiguration.Parse(Config)), new StartExecutionOptions { MockTestCase = "FlakyTraining" });
        Assert.That(result.Output, Is.EqualTo(JsonValue.Parse("""{"TrainingJobStatus":"Completed","attempt":3}""")));
    }

    [Test]
    public async Task Another_test_case_of_the_same_file_serves_other_responses()
    {
        var (result, _) = await EngineHarness.RunAsync(Definition, "{}", b => b.UseMockConfiguration(MockConfiguration.Parse(Config)), new StartExecutionOptions { MockTestCase = "HappyPath" });
        Assert.That((result.Status, result.Output), Is.EqualTo((ExecutionStatus.SUCCEEDED, JsonValue.Parse("""{"TrainingJobStatus":"Completed"}"""))));
    }

    [Test]
    public void A_test_case_that_names_a_missing_response_is_refused_with_its_pointer() =>
        Assert.That(() => MockConfiguration.Parse("""{"StateMachines":{"M":{"TestCases":{"T":{"S":"Nope"}}}},"MockedResponses":{}}"""),
            Throws.TypeOf<FormatException>().With.Message.Contains("/StateMachines/M/TestCases/T/S").And.Message.Contains("'Nope'"));

    [Test]
    public void An_unknown_test_case_is_refused_listing_the_state_machines() =>
        Assert.That(() => MockConfiguration.Parse(Config).TestCase(null, "Missing"), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("StateMachine"));
}
