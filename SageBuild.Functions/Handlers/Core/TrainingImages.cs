using System.Globalization;
using SageBuild.Functions.Configuration;
using SageBuild.Functions.Frameworks;

namespace SageBuild.Functions.Handlers.Core;

/// <summary>Which image trains and which serves a build, for every kind of framework.</summary>
internal static class TrainingImages
{
    public static string TrainingTag(long build) => "Training_v" + build.ToString(CultureInfo.InvariantCulture);

    public static string InferenceTag(long build) => "Inference_v" + build.ToString(CultureInfo.InvariantCulture);

    public static string Training(StepContext s)
    {
        var c = s.Configuration;
        return c.Framework.Name switch
        {
            FrameworkName.Byod => c.TrainingImage ?? $"{s.Environment.TrainingRepositoryUri}:{TrainingTag(s.Build)}",
            FrameworkName.Builtin => ImageCatalog.AlgorithmImage(s.Environment.Region, c.Framework.Algorithm!, c.Framework.Version),
            _ => ImageCatalog.FrameworkImage(c.Framework.Name, c.Framework.Version, s.Environment.Region, ImageScope.Training, c.Training.InstanceType, c.Framework.PythonVersion),
        };
    }

    public static string Inference(StepContext s)
    {
        var c = s.Configuration;
        return c.Framework.Name switch
        {
            FrameworkName.Byod => c.InferenceImage ?? $"{s.Environment.InferenceRepositoryUri}:{InferenceTag(s.Build)}",
            FrameworkName.Builtin => ImageCatalog.AlgorithmImage(s.Environment.Region, c.Framework.Algorithm!, c.Framework.Version),
            _ => ImageCatalog.FrameworkImage(c.Framework.Name, c.Framework.Version, s.Environment.Region, ImageScope.Inference, c.Hosting.InstanceType, c.Framework.PythonVersion),
        };
    }
}
