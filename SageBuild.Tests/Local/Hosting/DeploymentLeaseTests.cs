using SageBuild.Local.Hosting;

namespace SageBuild.Tests.Local.Hosting;

public sealed class DeploymentLeaseTests
{
    [Test]
    public async Task No_request_takes_a_lease_after_a_retired_deployment_has_drained()
    {
        for (var round = 0; round < 200; round++)
        {
            await using var deployment = new Deployment("config", [], Path.Combine(Path.GetTempPath(), "no-such-deployment"), capture: null);
            var late = 0;
            using var start = new ManualResetEventSlim();
            var requests = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                start.Wait();
                for (var i = 0; i < 200; i++)
                {
                    if (!deployment.TryAcquire())
                        continue;
                    if (deployment.Drained.IsCompleted)
                        Interlocked.Increment(ref late);
                    deployment.Release();
                }
            })).ToList();

            start.Set();
            deployment.Retire();
            await Task.WhenAll(requests);
            await deployment.Drained.WaitAsync(TimeSpan.FromSeconds(5));

            Assert.That(late, Is.Zero, $"round {round}: a request was routed to a deployment that had been drained");
        }
    }
}
