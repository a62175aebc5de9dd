using SageBuild.Local.Images;
using SageBuild.Local.Shapes;

namespace SageBuild.Tests.Local.Images;

public sealed class ImageReferenceTests
{
    [TestCase("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:Training_v3", "churn", "Training_v3")]
    [TestCase("churn:Training_v3", "churn", "Training_v3")]
    [TestCase("localhost:5000/team/churn", "team/churn", "latest")]
    [TestCase("sagebuild/python", "sagebuild/python", "latest")]
    [TestCase("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3", "sagemaker-scikit-learn", "1.2-1-cpu-py3")]
    public void A_reference_drops_the_registry_host_and_defaults_the_tag(string reference, string repository, string tag)
    {
        var parsed = ImageReference.Parse(reference);

        Assert.That((parsed.Repository, parsed.Tag), Is.EqualTo((repository, tag)));
    }

    [TestCase("churn@sha256:abcd", "digests are not supported")]
    [TestCase("Churn:v1", "not a valid repository name")]
    [TestCase("churn:bad tag", "not a valid tag")]
    public void A_bad_reference_is_refused_naming_the_problem(string reference, string problem) =>
        Assert.That(() => ImageReference.Parse(reference), Throws.InstanceOf<ServiceException>().With.Message.Contains(problem));
}
