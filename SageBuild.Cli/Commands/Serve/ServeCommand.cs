using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;
using SageBuild.Cli.Projects;
using SageBuild.Engine.Api;
using SageBuild.Engine.Api.Authentication;
using SageBuild.Engine.Api.Dashboard;
using SageBuild.Engine.Api.Server;
using SageBuild.Engine.Api.Service;
using SageBuild.Engine.Stores;
using SageBuild.Engine.Stores.Sqlite;
using SageBuild.StateMachines.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SageBuild.Cli.Commands.Serve;

/// <summary>
/// <c>sagebuild serve</c>: the Step Functions API (awsJson1_0) and the dashboard on one port, answered by the embedded
/// engine, until Ctrl-C (SIGINT) or SIGTERM.
/// </summary>
[Description("Serve the Step Functions API and the dashboard on the embedded engine until Ctrl-C. Point the AWS CLI or SDKs at it with --endpoint-url.")]
public sealed class ServeCommand(IAnsiConsole console) : AsyncCommand<ServeCommand.Settings>
{
    /// <summary>The options of <c>serve</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--port <PORT>")]
        [Description("The TCP port of the API and the dashboard; 0 picks a free one (printed at start). Default: 8083.")]
        [DefaultValue(8083)]
        public int Port { get; init; } = 8083;

        [CommandOption("--bind <ADDRESS>")]
        [Description("The address to listen on. Default: 127.0.0.1 (this machine only). Any other address is reachable from other machines: add --credentials.")]
        [DefaultValue("127.0.0.1")]
        public string Bind { get; init; } = "127.0.0.1";

        [CommandOption("--credentials <KEY:SECRET>")]
        [Description("Require every API call to be SigV4-signed (service 'states') with this access key and secret; the dashboard then asks for the sign-in link printed at start. Default: any caller is accepted, as Step Functions Local does.")]
        public string? Credentials { get; init; }

        [CommandOption("--credentials-file <FILE>")]
        [Description("Like --credentials, with the KEY:SECRET pairs read from a file (one per line), so no secret shows in the process list.")]
        public string? CredentialsFile { get; init; }

        [CommandOption("--data-dir <DIR>")]
        [Description("Keep state machines, executions and histories in DIR/sagebuild.db (SQLite), so that they survive a stop or a crash: on start, the server resumes every execution left running. Default: in memory, lost when the server stops.")]
        public string? DataDirectory { get; init; }

        [CommandOption("--max-open-executions <N>")]
        [Description("How many STANDARD executions may be RUNNING at once; StartExecution beyond it answers ExecutionLimitExceeded, as AWS past its quota. Default: 1000000 (AWS's default quota).")]
        [DefaultValue(1_000_000)]
        public int MaxOpenExecutions { get; init; } = 1_000_000;

        [CommandOption("--project <DIR>")]
        [Description("A model project folder (with its sagebuild.yaml) to keep running: its pipeline is created on this server, its deployed endpoint is served again, and its triggers (git branch, data folder, schedules) start builds. One project per server.")]
        public string[] Projects { get; init; } = [];

        [CommandOption("--endpoints-port <PORT>")]
        [Description("The TCP port of the --project endpoints' invocation URLs; 0 picks a free one (printed at start). Default: 0.")]
        [DefaultValue(0)]
        public int EndpointsPort { get; init; }

        [CommandOption("--json")]
        [Description("Print one JSON line {endpoint, dashboardUrl, signaturesRequired, store, database, resumedExecutions} once listening, instead of text.")]
        public bool Json { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Port is < 0 or > 65535)
                return ValidationResult.Error($"--port: {Port} is not a TCP port (0 to 65535)");
            if (Bind != "localhost" && !IPAddress.TryParse(Bind, out _))
                return ValidationResult.Error($"--bind: '{Bind}' is not an IP address or 'localhost'");
            if (MaxOpenExecutions < 1)
                return ValidationResult.Error($"--max-open-executions: {MaxOpenExecutions} must be at least 1");
            if (Credentials is not null && CredentialsFile is not null)
                return ValidationResult.Error("--credentials and --credentials-file: give one of them, not both");
            if (EndpointsPort is < 0 or > 65535)
                return ValidationResult.Error($"--endpoints-port: {EndpointsPort} is not a TCP port (0 to 65535)");
            if (Projects.Length > 1)
                return ValidationResult.Error($"--project: one project per server (got {Projects.Length}); start one 'sagebuild serve' per project, each on its own --port");
            if (CredentialsFile is not null && !File.Exists(CredentialsFile))
                return ValidationResult.Error($"--credentials-file: no file at '{CredentialsFile}'");
            return ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ServerCredentials credentials;
        try
        {
            credentials = settings.Credentials is { } pair ? ServerCredentials.Parse(pair)
                : settings.CredentialsFile is { } file ? ServerCredentials.Load(file)
                : ServerCredentials.None;
        }
        catch (FormatException e)
        {
            // The message names the option, or the file and line, already.
            await Console.Error.WriteLineAsync($"sagebuild serve: {e.Message}");
            return ExitCodes.UsageError;
        }

        ProjectFile? project = null;
        try
        {
            project = settings.Projects.Length > 0 ? ProjectFileReader.Read(settings.Projects[0]) : null;
        }
        catch (ProjectFileException e)
        {
            await Console.Error.WriteLineAsync($"sagebuild serve: --project: {e.Message}");
            return ExitCodes.UsageError;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

        // Declared before the engine, so disposed after it: the engine's last writes go to an open database.
        await using var sqlite = settings.DataDirectory is { } directory
            ? new SqliteExecutionStore(new SqliteStoreOptions { DatabasePath = Path.Combine(directory, ServeEngine.DatabaseFileName) })
            : null;
        var options = new EngineOptions { MaxOpenExecutions = settings.MaxOpenExecutions };
        var store = new NotifyingExecutionStore(sqlite ?? (IExecutionStore)new InMemoryExecutionStore());
        WorkflowEngine BuildEngine(Action<EngineBuilder>? extend) => sqlite is null
            ? ServeEngine.Build(store, options, extend)
            : ServeEngine.Build(store, new SqliteStateMachineStore(new SqliteStoreOptions { DatabasePath = sqlite.DatabasePath }), new SqliteTokenStore(new SqliteStoreOptions { DatabasePath = sqlite.DatabasePath }), options, extend);
        var reporter = new ServeReporter(console.Profile.Out.Writer, settings.Json);
        WorkflowEngine? projectEngine = null;
        // Declared before the engine, so disposed after it: executions stop before the processes they call.
        await using var served = project is null ? null
            : await ServedProject.StartAsync(project, settings.EndpointsPort, register => projectEngine = BuildEngine(register), reporter, stop.Token);
        await using var engine = projectEngine ?? BuildEngine(null);
        // Executions a previous server left running (stopped, or killed) go on from their last recorded event.
        var resumed = await engine.ResumeAsync(stop.Token);
        var service = new EngineStepFunctionsService(engine);
        StepFunctionsServer server;
        try
        {
            server = await StepFunctionsServer.StartAsync(service, new StepFunctionsServerOptions
            {
                Bind = settings.Bind,
                Port = settings.Port,
                Api = new StepFunctionsApiOptions { Credentials = credentials },
                // The engine says itself when an execution changes, so open pages update at once and nothing polls.
                Dashboard = new DashboardOptions { Changes = store },
            }, stop.Token);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"sagebuild serve: cannot listen on {settings.Bind}:{settings.Port}: {e.Message}");
            return ExitCodes.Failure;
        }

        await using (server)
        {
            Announce(settings, server, credentials, sqlite?.DatabasePath, resumed.Count);
            if (served is not null)
                await served.StartTriggersAsync(stop.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: stop taking calls, finish those in flight, then stop the executions.
            }

            if (served is not null)
                await served.StopWatchingAsync();   // no new build while the engine stops
        }

        return ExitCodes.Success;
    }

    private void Announce(Settings settings, StepFunctionsServer server, ServerCredentials credentials, string? databasePath, int resumed)
    {
        var endpoint = server.Endpoint.ToString().TrimEnd('/');
        var dashboard = server.DashboardUrl?.ToString() ?? string.Empty;
        var output = console.Profile.Out.Writer;
        if (settings.Json)
        {
            output.WriteLine(JsonObject.Create(
                ("endpoint", endpoint),
                ("dashboardUrl", dashboard),
                ("signaturesRequired", !credentials.IsEmpty),
                ("store", databasePath is null ? "memory" : "sqlite"),
                ("database", databasePath is null ? JsonValue.Null : databasePath),
                ("resumedExecutions", resumed)).ToJson());
            output.Flush();
            return;
        }

        output.WriteLine($"Step Functions API: {endpoint} ({(credentials.IsEmpty ? "any caller accepted" : "SigV4 signatures required, service 'states'")})");
        output.WriteLine($"Dashboard:          {dashboard}");
        output.WriteLine($"AWS CLI:            aws stepfunctions list-state-machines --endpoint-url {endpoint}");
        output.WriteLine(databasePath is null
            ? "Executions are kept in memory. Press Ctrl-C to stop."
            : $"Executions are kept in {databasePath} ({resumed} resumed). Press Ctrl-C to stop.");
        if (!IPAddress.IsLoopback(settings.Bind == "localhost" ? IPAddress.Loopback : IPAddress.Parse(settings.Bind)))
        {
            output.WriteLine($"Warning: listening on {settings.Bind}, which other machines can reach."
                + (credentials.IsEmpty ? " No credentials are configured, so anyone who can reach it can run state machines: add --credentials KEY:SECRET." : string.Empty));
        }

        output.Flush();
    }
}
