using SageBuild.Infra.Model;
using SageBuild.StateMachines.Json;

namespace SageBuild.Infra.Stack;

/// <summary>
/// The ECR repositories of training and inference images: scanned on push, immutable tags (a build number is never
/// reused, so neither is its tag), encrypted, and a lifecycle policy that keeps the last builds' images.
/// </summary>
internal static class ContainerRegistries
{
    public static (Resource Training, Resource Inference) Add(StackContext stack) =>
        (Repository(stack, "trainingRepository", stack.Names.TrainingRepository, "Training_v"),
         Repository(stack, "inferenceRepository", stack.Names.InferenceRepository, "Inference_v"));

    private static Resource Repository(StackContext stack, string name, string repositoryName, string tagPrefix)
    {
        var repository = stack.Add(name, AwsTypes.EcrRepository, new MapValue
        {
            ["name"] = repositoryName,
            ["imageTagMutability"] = "IMMUTABLE",
            ["imageScanningConfiguration"] = new MapValue { ["scanOnPush"] = true },
            ["encryptionConfigurations"] = PropertyValue.List(new MapValue { ["encryptionType"] = "AES256" }),
            ["tags"] = stack.Tags,
        });
        var policy = JsonObject.Create(("rules", JsonArray.Create([
            JsonObject.Create(
                ("rulePriority", 1),
                ("description", "Expire untagged layers a day after they were pushed"),
                ("selection", JsonObject.Create(("tagStatus", "untagged"), ("countType", "sinceImagePushed"), ("countUnit", "days"), ("countNumber", 1))),
                ("action", JsonObject.Create(("type", "expire")))),
            JsonObject.Create(
                ("rulePriority", 2),
                ("description", $"Keep the last {stack.Settings.ImageRetentionCount} build images"),
                ("selection", JsonObject.Create(
                    ("tagStatus", "tagged"),
                    ("tagPrefixList", JsonArray.Create([tagPrefix])),
                    ("countType", "imageCountMoreThan"),
                    ("countNumber", stack.Settings.ImageRetentionCount))),
                ("action", JsonObject.Create(("type", "expire")))),
        ])));
        stack.Add(name + "Lifecycle", AwsTypes.EcrLifecyclePolicy, new MapValue
        {
            ["repository"] = repository.Output("name"),
            ["policy"] = FunctionCall.ToJson(JsonProperties.Literal(policy)),
        });
        return repository;
    }
}
