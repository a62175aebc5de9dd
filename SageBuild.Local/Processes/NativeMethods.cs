using System.Runtime.InteropServices;

namespace SageBuild.Local.Processes;

/// <summary>POSIX calls that .NET does not expose: signalling a whole process group.</summary>
internal static class NativeMethods
{
    public const int SignalInterrupt = 2;
    public const int SignalKill = 9;
    public const int SignalTerminate = 15;

    private const int NoSuchProcess = 3; // ESRCH

    /// <summary>Sends <paramref name="signal"/> to every process in group <paramref name="processGroupId"/>; false when the group is gone.</summary>
    public static bool SignalGroup(int processGroupId, int signal)
    {
        if (processGroupId <= 1)
            throw new ArgumentOutOfRangeException(nameof(processGroupId), processGroupId, "refusing to signal a process group id <= 1");
        if (Kill(-processGroupId, signal) == 0)
            return true;
        var error = Marshal.GetLastPInvokeError();
        return error == NoSuchProcess
            ? false
            : throw new InvalidOperationException($"kill(-{processGroupId}, {signal}) failed with errno {error}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
