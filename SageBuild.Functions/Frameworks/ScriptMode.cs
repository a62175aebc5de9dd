using System.Globalization;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Frameworks;

/// <summary>
/// SageMaker script mode: the user's scripts are stored under versioned keys, so any version can be redeployed, and
/// the framework image finds them through the hyperparameters (training) and environment variables (hosting) that
/// SageMaker's framework containers read.
/// </summary>
public static class ScriptMode
{
    /// <summary>The key of stored code: <c>versions/{training|inference}/v{n}.tar.gz</c>.</summary>
    public static string CodeKey(ImageScope scope, long version) =>
        $"versions/{(scope == ImageScope.Training ? "training" : "inference")}/v{version.ToString(CultureInfo.InvariantCulture)}.tar.gz";

    /// <summary>
    /// The hyperparameters the training toolkit reads. As SageMaker's own SDK does, their values are JSON-encoded
    /// (<c>"sagemaker_program": "\"train.py\""</c>); the toolkit decodes them.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> TrainingHyperparameters(string entryPoint, string codeUri, string region, string jobName) =>
    [
        new("sagemaker_container_log_level", "20"),
        new("sagemaker_job_name", JsonString.From(jobName).ToJson()),
        new("sagemaker_program", JsonString.From(entryPoint).ToJson()),
        new("sagemaker_region", JsonString.From(region).ToJson()),
        new("sagemaker_submit_directory", JsonString.From(codeUri).ToJson()),
    ];

    /// <summary>The environment the inference toolkit reads.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> InferenceEnvironment(string entryPoint, string codeUri, string region) =>
    [
        new("SAGEMAKER_CONTAINER_LOG_LEVEL", "20"),
        new("SAGEMAKER_PROGRAM", entryPoint),
        new("SAGEMAKER_REGION", region),
        new("SAGEMAKER_SUBMIT_DIRECTORY", codeUri),
    ];
}
