namespace SageBuild.Local.Hosting;

/// <summary>What a serving container answered to <c>POST /invocations</c>.</summary>
internal sealed record ContainerResponse(int StatusCode, string? ContentType, byte[] Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
