using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Conditions;
using SageBuild.StateMachines.Json;
using static SageBuild.Tests.StateMachines.Builders.Asl;

namespace SageBuild.Tests.StateMachines.Builders;

public sealed class ChainingTests
{
    [Test]
    public void A_chain_reads_top_to_bottom_and_links_each_state_to_the_next()
    {
        var chain = Chain.Start(new Pass("A")).Next(new Pass("B")).Next(new Wait("C", WaitTime.Duration(TimeSpan.FromSeconds(1))));

        var asl = Of(chain);

        Assert.Multiple(() =>
        {
            Assert.That(asl["StartAt"], Is.EqualTo(Expected("\"A\"")));
            Assert.That(((JsonObject)asl["States"]).Keys, Is.EqualTo(new[] { "A", "B", "C" }));
            Assert.That(chain.EndStates.Single(), Is.InstanceOf<Wait>());
        });
    }

    [Test]
    public void Chaining_after_a_Choice_fails_naming_the_Choice_and_suggesting_Afterwards()
    {
        var gate = new Choice("QualityGate").When(Condition.BooleanEquals("$.ok", true), new Pass("Deploy"));
        var chain = Chain.Start(new Pass("Train")).Next(gate);

        var error = Assert.Throws<InvalidOperationException>(() => chain.Next(new Pass("Notify")));

        Assert.That(error!.Message, Does.Contain("'QualityGate'").And.Contain("QualityGate.Afterwards().Next(...)"));
    }

    [Test]
    public void Chaining_after_Succeed_or_Fail_fails_because_they_end_the_chain()
    {
        var afterSucceed = Chain.Start(new Pass("Work")).Next(new Succeed("Done"));
        var afterFail = Chain.Start(new Fail("Broken"));

        Assert.Multiple(() =>
        {
            Assert.That(() => afterSucceed.Next(new Pass("More")), Throws.InvalidOperationException.With.Message.Contains("Succeed state 'Done'"));
            Assert.That(() => afterFail.Next(new Pass("More")), Throws.InvalidOperationException.With.Message.Contains("Fail state 'Broken'"));
        });
    }

    [Test]
    public void A_state_takes_one_Next_only()
    {
        var first = new Pass("First");
        first.Next(new Pass("Second"));

        Assert.That(() => first.Next(new Pass("Third")), Throws.InvalidOperationException.With.Message.Contains("already goes on to 'Second'"));
    }

    [Test]
    public void A_second_Otherwise_throws()
    {
        var choice = new Choice("Gate").Otherwise(new Pass("A"));

        Assert.That(() => choice.Otherwise(new Pass("B")), Throws.InvalidOperationException.With.Message.Contains("already goes to 'A' otherwise"));
    }

    [Test]
    public void A_Map_takes_one_item_processor_only()
    {
        var map = new Map("Each").ItemProcessor(new Pass("One"));

        Assert.That(() => map.ItemProcessor(new Pass("Two")), Throws.InvalidOperationException);
    }

    [Test]
    public void A_fragment_instantiated_twice_with_prefixes_appears_twice_with_unique_names()
    {
        var deployAndVerify = StateMachineFragment.From(() => Chain.Start(new Pass("Deploy")).Next(new Pass("Verify")));

        var chain = Chain.Start(deployAndVerify.Instantiate("Canary")).Next(deployAndVerify.Instantiate("Production"));

        var states = (JsonObject)Of(chain)["States"];
        Assert.Multiple(() =>
        {
            Assert.That(states.Keys, Is.EqualTo(new[] { "CanaryDeploy", "CanaryVerify", "ProductionDeploy", "ProductionVerify" }));
            Assert.That(((JsonObject)states["CanaryVerify"])["Next"], Is.EqualTo(Expected("\"ProductionDeploy\"")));
        });
    }

    [Test]
    public void A_fragment_prefixes_the_states_inside_its_branches_and_error_handlers_too()
    {
        var fragment = StateMachineFragment.From(() =>
        {
            var parallel = new ParallelBranches("Both").Branch(new Pass("Left"));
            parallel.AddCatch(new Pass("Recover"));
            return parallel;
        });

        var states = (JsonObject)Of(fragment.Instantiate("A_"))["States"];

        Assert.Multiple(() =>
        {
            Assert.That(states.Keys, Is.EquivalentTo(new[] { "A_Both", "A_Recover" }));
            Assert.That(((JsonObject)((JsonArray)((JsonObject)states["A_Both"])["Branches"])[0])["StartAt"], Is.EqualTo(Expected("\"A_Left\"")));
        });
    }

    [Test]
    public void A_fragment_that_hands_out_the_same_states_twice_is_refused()
    {
        var shared = new Pass("Shared");
        var fragment = StateMachineFragment.From(() => shared);
        fragment.Instantiate("One");

        Assert.That(() => fragment.Instantiate("Two"), Throws.InvalidOperationException.With.Message.Contains("must create new states"));
    }

    [Test]
    public void A_loop_through_a_Choice_is_rendered_with_each_state_once()
    {
        var wait = new Wait("WaitForEndpoint", WaitTime.Duration(TimeSpan.FromSeconds(30)));
        var check = new Choice("IsInService");
        Chain.Start(wait).Next(new Pass("Describe")).Next(check);
        check.When(Condition.StringEquals("$.status", "Creating"), wait).Otherwise(new Succeed("InService"));

        var states = (JsonObject)Of(wait)["States"];

        Assert.That(states.Keys, Is.EqualTo(new[] { "WaitForEndpoint", "Describe", "IsInService", "InService" }));
    }
}
