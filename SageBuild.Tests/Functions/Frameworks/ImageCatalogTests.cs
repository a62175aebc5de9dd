using SageBuild.Functions.Configuration;
using SageBuild.Functions.Frameworks;

namespace SageBuild.Tests.Functions.Frameworks;

public sealed class ImageCatalogTests
{
    [TestCase("us-east-1", "kmeans", null, "382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans:1")]
    [TestCase("eu-west-1", "linear-learner", "1", "438346466558.dkr.ecr.eu-west-1.amazonaws.com/linear-learner:1")]
    [TestCase("us-west-2", "xgboost", "1.7-1", "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1")]
    [TestCase("ap-southeast-3", "pca", null, "951798379941.dkr.ecr.ap-southeast-3.amazonaws.com/pca:1")]
    public void Built_in_algorithm_images_come_from_the_table(string region, string algorithm, string? version, string expected) =>
        Assert.That(ImageCatalog.AlgorithmImage(region, algorithm, version), Is.EqualTo(expected));

    [Test]
    public void Every_commercial_region_has_every_built_in_algorithm()
    {
        Assert.That(ImageCatalog.Regions, Has.Count.GreaterThanOrEqualTo(29).And.Contains("il-central-1").And.Contains("ca-west-1"));
        foreach (var region in ImageCatalog.Regions)
        {
            foreach (var algorithm in ImageCatalog.Algorithms)
                Assert.That(ImageCatalog.AlgorithmImage(region, algorithm), Does.Contain($".dkr.ecr.{region}.amazonaws.com/"));
        }
    }

    [Test]
    public void An_unknown_region_or_algorithm_is_a_clear_error()
    {
        Assert.That(() => ImageCatalog.AlgorithmImage("mars-north-1", "kmeans"), Throws.TypeOf<ImageNotFoundException>().With.Message.StartsWith("'mars-north-1' is not a commercial AWS region"));
        Assert.That(() => ImageCatalog.AlgorithmImage("us-east-1", "kmean"), Throws.TypeOf<ImageNotFoundException>().With.Message.Contains("known: ").And.Message.Contains("kmeans"));
        Assert.That(() => ImageCatalog.AlgorithmImage("us-east-1", "xgboost", "9.9-9"), Throws.TypeOf<ImageNotFoundException>().With.Message.Contains("versions: 1.7-1"));
    }

    [TestCase(FrameworkName.TensorFlow, "2.14", ImageScope.Training, "ml.p3.2xlarge", "763104351884.dkr.ecr.eu-central-1.amazonaws.com/tensorflow-training:2.14-gpu-py310")]
    [TestCase(FrameworkName.TensorFlow, "2.14", ImageScope.Inference, "ml.c5.large", "763104351884.dkr.ecr.eu-central-1.amazonaws.com/tensorflow-inference:2.14-cpu")]
    [TestCase(FrameworkName.PyTorch, null, ImageScope.Inference, "ml.g5.xlarge", "763104351884.dkr.ecr.eu-central-1.amazonaws.com/pytorch-inference:2.5-gpu-py311")]
    [TestCase(FrameworkName.SKLearn, "1.2-1", ImageScope.Training, "ml.p3.2xlarge", "492215442770.dkr.ecr.eu-central-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3")]
    [TestCase(FrameworkName.MXNet, "1.9.0", ImageScope.Training, "ml.m5.large", "763104351884.dkr.ecr.eu-central-1.amazonaws.com/mxnet-training:1.9.0-cpu-py38")]
    [TestCase(FrameworkName.Chainer, "5.0.0", ImageScope.Training, "ml.m5.large", "520713654638.dkr.ecr.eu-central-1.amazonaws.com/sagemaker-chainer:5.0.0-cpu-py3")]
    [TestCase(FrameworkName.XGBoost, "1.7-1", ImageScope.Inference, "ml.m5.large", "492215442770.dkr.ecr.eu-central-1.amazonaws.com/sagemaker-xgboost:1.7-1")]
    public void Framework_images_pick_cpu_or_gpu_by_the_instance_type(FrameworkName framework, string? version, ImageScope scope, string instance, string expected) =>
        Assert.That(ImageCatalog.FrameworkImage(framework, version, "eu-central-1", scope, instance), Is.EqualTo(expected));

    [Test]
    public void Script_mode_code_lives_under_versioned_keys() =>
        Assert.That(ScriptMode.CodeKey(ImageScope.Inference, 7), Is.EqualTo("versions/inference/v7.tar.gz"));
}
