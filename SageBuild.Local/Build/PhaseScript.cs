using System.Text;
using SageBuild.Local.Processes;

namespace SageBuild.Local.Build;

/// <summary>
/// Writes the shell script for one build phase. CodeBuild runs all commands of a build in one shell, so a
/// <c>cd</c> or an <c>export</c> carries over to later commands and phases; here each phase is its own process
/// (so it can be timed, reported and stopped on its own), and the script saves the shell's exported variables and
/// working directory when it exits and restores them when the next phase starts.
/// </summary>
internal static class PhaseScript
{
    public const string FailedCommandFile = "failed-command";
    public const string CurrentCommandFile = "current-command";

    public static string Create(BuildspecPhase phase, bool buildSucceeding, IReadOnlyList<string> exportedVariables)
    {
        var script = new StringBuilder();
        script.Append("__sb_state=\"$SAGEBUILD_BUILD_STATE\"\n");
        script.Append("if [ -f \"$__sb_state/env.sh\" ]; then . \"$__sb_state/env.sh\"; fi\n");
        script.Append("if [ -f \"$__sb_state/cwd\" ]; then cd \"$(cat \"$__sb_state/cwd\")\" || exit 1; fi\n");
        script.Append("export CODEBUILD_BUILD_SUCCEEDING=").Append(buildSucceeding ? '1' : '0').Append('\n');
        script.Append("__sb_save() {\n  export -p > \"$__sb_state/env.sh\"\n  pwd > \"$__sb_state/cwd\"\n");
        foreach (var name in exportedVariables)
            script.Append("  printf '%s' \"${").Append(name).Append("-}\" > \"$__sb_state/exported.").Append(name).Append("\"\n");
        script.Append("}\ntrap __sb_save EXIT\n__sb_rc=0\n");

        for (var i = 0; i < phase.Commands.Count; i++)
        {
            script.Append("if [ \"$__sb_rc\" -eq 0 ]; then\n");
            script.Append("printf '%s' ").Append(i).Append(" > \"$__sb_state/").Append(CurrentCommandFile).Append("\"\n");
            AppendCommand(script, phase.Commands[i]);
            script.Append("__sb_rc=$?\n");
            script.Append("if [ \"$__sb_rc\" -ne 0 ]; then printf '%s' ").Append(i).Append(" > \"$__sb_state/").Append(FailedCommandFile).Append("\"; fi\nfi\n");
        }

        // 'finally' commands run whether or not the commands failed; a failure there fails the phase too.
        for (var i = 0; i < phase.Finally.Count; i++)
        {
            script.Append("printf '%s' f").Append(i).Append(" > \"$__sb_state/").Append(CurrentCommandFile).Append("\"\n");
            AppendCommand(script, phase.Finally[i]);
            script.Append("__sb_f=$?\n");
            script.Append("if [ \"$__sb_f\" -ne 0 ] && [ \"$__sb_rc\" -eq 0 ]; then __sb_rc=$__sb_f; printf '%s' f").Append(i)
                .Append(" > \"$__sb_state/").Append(FailedCommandFile).Append("\"; fi\n");
        }

        script.Append("exit \"$__sb_rc\"\n");
        return script.ToString();
    }

    private static void AppendCommand(StringBuilder script, string command)
    {
        script.Append("printf '[Container] Running command %s\\n' ").Append(ShellQuoting.Quote(command)).Append('\n');
        script.Append(command).Append('\n');
    }
}
