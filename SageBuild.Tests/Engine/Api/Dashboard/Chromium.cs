using Microsoft.Playwright;

namespace SageBuild.Tests.Engine.Api.Dashboard;

/// <summary>
/// The Debian chromium, driven by Playwright through <c>ExecutablePath</c>: Playwright's own browser download
/// (<c>playwright install</c>) is never used. A missing chromium fails the test with the command that installs it.
/// </summary>
internal static class Chromium
{
    public const string InstallCommand = "apt-get install -y --no-install-recommends chromium chromium-driver";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser"];

    /// <summary>The flags verification.md lists for a headless chromium run as root, with no network of its own.</summary>
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static string ExecutablePath
    {
        get
        {
            var found = Environment.GetEnvironmentVariable("SAGEBUILD_CHROMIUM") is { Length: > 0 } configured ? [configured] : Candidates;
            var path = found.FirstOrDefault(File.Exists);
            if (path is null)
                Assert.Fail($"Chromium is not installed (looked for {string.Join(", ", found)}). Install it with: {InstallCommand}");
            return path!;
        }
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var executable = ExecutablePath;
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                ChromiumSandbox = false,
                Args = Flags,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
