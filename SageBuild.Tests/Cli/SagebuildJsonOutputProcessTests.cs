using System.Text.Json;
using SageBuild.Tests.Engine.Api;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Cli;

/// <summary>The built <c>sagebuild</c> program itself, as a script runs it with its output redirected.</summary>
public sealed class SagebuildJsonOutputProcessTests
{
    [Test]
    public async Task Prints_JSON_a_script_can_parse_however_long_the_lines()
    {
        await using var host = await ApiHost.StartAsync();
        var name = new string('m', 80);
        await host.Service.CreateStateMachineAsync(new SageBuild.Engine.Api.Model.CreateStateMachineInput
        {
            Name = name, Definition = Definitions.Pass, RoleArn = Definitions.RoleArn,
        });

        var program = Path.Combine(TestContext.CurrentContext.TestDirectory, "sagebuild.dll");
        var result = await ExternalProcess.RunAsync("dotnet", [program, "state-machines", "list", "--endpoint", host.EndpointUrl, "--json"]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.That(json.RootElement.GetProperty("stateMachines")[0].GetProperty("stateMachineArn").GetString(), Is.EqualTo(Definitions.StateMachineArn(name)));
    }
}
