using CsCheck;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Validation;

namespace SageBuild.Tests.StateMachines.Properties;

public sealed class AslPropertyTests
{
    [Test]
    public void Every_well_formed_model_survives_writing_and_reading_unchanged() =>
        AslGenerators.Definitions.Sample(definition =>
        {
            var text = AslJson.Write(definition);
            var read = AslJson.Read(text);
            Assert.That(read.Errors, Is.Empty, text);
            Assert.That(read.Definition, Is.EqualTo(definition), text);
            Assert.That(AslJson.Write(read.Definition!), Is.EqualTo(text), "writing is deterministic");
            Assert.That(AslJson.Write(read.Definition!, indented: false), Is.EqualTo(JsonValue.Parse(text).ToJson()), "compact and indented forms hold the same JSON");
        }, iter: 300);

    [Test]
    public void The_validator_accepts_every_generated_valid_definition() =>
        ValidDefinitionGenerator.Definitions.Sample(definition =>
        {
            var errors = DefinitionValidator.Validate(AslJson.Write(definition));
            Assert.That(errors, Is.Empty, AslJson.Write(definition));
        }, iter: 300);

    [Test]
    public void A_generated_valid_definition_with_one_broken_Next_is_reported_at_that_Next() =>
        ValidDefinitionGenerator.Definitions.Sample(definition =>
        {
            var start = (SageBuild.StateMachines.Model.TransitionState?)(definition.States[definition.StartAt] as SageBuild.StateMachines.Model.TransitionState);
            if (start?.Next is null)
                return;
            var broken = definition with
            {
                States = SageBuild.StateMachines.Model.StateMap.Create(definition.States.Select(s => s.Key == definition.StartAt
                    ? KeyValuePair.Create(s.Key, (SageBuild.StateMachines.Model.State)(start with { Next = "No such state" }))
                    : s)),
            };
            var errors = DefinitionValidator.Validate(broken);
            Assert.That(errors.Select(e => (e.Pointer, e.Code)), Does.Contain((JsonPointer.Append(JsonPointer.Append("/States", definition.StartAt), "Next"), DefinitionErrorCodes.MissingTransitionTarget)));
        }, iter: 100);
}
