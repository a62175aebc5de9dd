namespace SageBuild.Local.Hosting;

/// <summary>One container of a model: its image, its model artifact and its environment.</summary>
internal sealed record ContainerSpec(string Image, string? ModelDataUrl, IReadOnlyDictionary<string, string> Environment, string Hostname);
