using SageBuild.StateMachines.Builders;
using SageBuild.StateMachines.Iam;

namespace SageBuild.StateMachines.Tasks.SageMaker;

/// <summary>The grant shared by the tasks that point an endpoint at a config.</summary>
internal static class SageMakerEndpoints
{
    // Creating or updating an endpoint is authorised on both the endpoint and the config it is given.
    public static PolicyStatement Deploy(string action, Field<string> endpoint, Field<string> config, bool tags) =>
        PolicyStatement.Allow(
            [SageMakerIam.Resource("endpoint", endpoint), SageMakerIam.Resource("endpoint-config", config)],
            tags ? [action, "sagemaker:AddTags"] : [action]);
}
