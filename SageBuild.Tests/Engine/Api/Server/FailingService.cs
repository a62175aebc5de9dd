using System.Reflection;
using SageBuild.Engine.Api;

namespace SageBuild.Tests.Engine.Api.Server;

/// <summary>A service with a bug: every operation throws a .NET exception, as a fault inside a real service would.</summary>
public class FailingService : DispatchProxy
{
    public static IStepFunctionsService Create() => Create<IStepFunctionsService, FailingService>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new InvalidOperationException("a bug inside the service, with details the caller must not see");
}
