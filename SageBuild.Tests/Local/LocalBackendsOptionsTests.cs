using SageBuild.Local;
using SageBuild.Local.Build;
using SageBuild.Local.Images;

namespace SageBuild.Tests.Local;

public sealed class LocalBackendsOptionsTests
{
    [Test]
    public void Defaults_need_only_a_data_directory()
    {
        Assert.That(new LocalBackendsOptions { DataDirectory = ".sagebuild" }.Validate(), Is.Empty);
    }

    [Test]
    public void Every_problem_is_reported_at_once_naming_the_option()
    {
        var options = new LocalBackendsOptions
        {
            HostingPort = 70000,
            StopGracePeriod = TimeSpan.Zero,
            AccountId = "42",
            BuildProjects = new Dictionary<string, LocalBuildProject> { ["p"] = new("") { TimeoutInMinutes = 1 } },
            Images = new Dictionary<string, LocalImage> { ["empty:1"] = new() },
        };

        Assert.That(options.Validate(), Is.EqualTo(new[]
        {
            "LocalBackendsOptions.DataDirectory: is required",
            "LocalBackendsOptions.HostingPort: must be between 0 and 65535, not 70000",
            "LocalBackendsOptions.StopGracePeriod: must be positive",
            "LocalBackendsOptions.AccountId: '42' is not a 12-digit account id",
            "LocalBackendsOptions.BuildProjects[p].SourceDirectory: is required",
            "LocalBackendsOptions.BuildProjects[p].TimeoutInMinutes: must be between 5 and 2160, not 1",
            "LocalBackendsOptions.Images[empty:1]: needs an Entrypoint, a TrainCommand or a ServeCommand",
        }));
    }

    [Test]
    public void Starting_with_bad_options_throws_with_every_problem()
    {
        Assert.That(async () => await LocalBackends.StartAsync(new LocalBackendsOptions { AccountId = "x" }),
            Throws.ArgumentException.With.Message.Contains("DataDirectory: is required").And.Message.Contains("AccountId: 'x'"));
    }
}
