using SageBuild.Infra.Model;

namespace SageBuild.Infra.Stack;

/// <summary>
/// The Alexa skill's permission to call its function: principal <c>alexa-appkit.amazon.com</c>, and only for the
/// configured skill (the EventSourceToken). Without a skill id nothing may call the function.
/// </summary>
internal static class Alexa
{
    public static void Add(StackContext stack, StackFunction alexa)
    {
        if (stack.Settings.AlexaSkillId is not { } skillId)
            return;
        stack.Add("alexaSkillPermission", AwsTypes.LambdaPermission, new MapValue
        {
            ["function"] = alexa.Function.Output("name"),
            ["action"] = "lambda:InvokeFunction",
            ["principal"] = "alexa-appkit.amazon.com",
            ["eventSourceToken"] = skillId,
        });
    }
}
