using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Service;

namespace SageBuild.Tests.Engine.Api;

/// <summary>The product service over a fresh in-memory engine, for tests of the host that need any real service.</summary>
internal static class EngineServices
{
    public static EngineStepFunctionsService Fresh() => new(new EngineBuilder().Build());
}
