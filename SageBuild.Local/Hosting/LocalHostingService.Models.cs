using SageBuild.Local.Shapes;
using SageBuild.StateMachines.Json;

namespace SageBuild.Local.Hosting;

internal sealed partial class LocalHostingService
{
    /// <summary>CreateModel: checks that each container's image can serve and that its model data exists, as SageMaker does.</summary>
    public ModelRecord CreateModel(JsonValue parameters)
    {
        var model = ModelRecord.Parse(parameters, name => context.Arns.SageMaker("model", name), context.Now);
        foreach (var container in model.Containers)
        {
            var image = context.Images.Resolve(container.Image, "Image");
            if (image.Serving is null)
                throw ServiceException.Invalid($"the image '{container.Image}' has no serve command (give it an Entrypoint or a ServeCommand)");
            if (container.ModelDataUrl is { } url && !context.Artifacts.Exists(url))
                throw ServiceException.Invalid($"Could not access model data at {url}. Please ensure that the model data exists (looked in {context.Artifacts.LocalPath(url)}).");
        }

        lock (_gate)
        {
            if (_models.ContainsKey(model.Name))
                throw ServiceException.Invalid($"Cannot create already existing model \"{model.Arn}\".");
            _store.Save(HostingStore.Models, model.Name, Saved(model.Request, "ModelArn", model.Arn, model.CreationTime));
            _models[model.Name] = model;
        }

        return model;
    }

    public ModelRecord DescribeModel(string name) =>
        _models.TryGetValue(name, out var model) ? model : throw ServiceException.Invalid($"Could not find model \"{context.Arns.SageMaker("model", name)}\".");

    public void DeleteModel(string name)
    {
        lock (_gate)
        {
            DescribeModel(name);
            _store.Delete(HostingStore.Models, name);
            _models.TryRemove(name, out _);
        }
    }

    /// <summary>CreateEndpointConfig: every variant's model must exist.</summary>
    public EndpointConfigRecord CreateEndpointConfig(JsonValue parameters)
    {
        var config = EndpointConfigRecord.Parse(parameters, name => context.Arns.SageMaker("endpoint-config", name), context.Now);
        foreach (var variant in config.Variants)
            DescribeModel(variant.ModelName);
        lock (_gate)
        {
            if (_configs.ContainsKey(config.Name))
                throw ServiceException.Invalid($"Cannot create already existing endpoint configuration \"{config.Arn}\".");
            _store.Save(HostingStore.EndpointConfigs, config.Name, Saved(config.Request, "EndpointConfigArn", config.Arn, config.CreationTime));
            _configs[config.Name] = config;
        }

        return config;
    }

    public EndpointConfigRecord DescribeEndpointConfig(string name) =>
        _configs.TryGetValue(name, out var config)
            ? config
            : throw ServiceException.Invalid($"Could not find endpoint configuration \"{context.Arns.SageMaker("endpoint-config", name)}\".");

    public void DeleteEndpointConfig(string name)
    {
        lock (_gate)
        {
            DescribeEndpointConfig(name);
            _store.Delete(HostingStore.EndpointConfigs, name);
            _configs.TryRemove(name, out _);
        }
    }
}
