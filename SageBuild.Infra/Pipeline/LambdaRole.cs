namespace SageBuild.Infra.Pipeline;

/// <summary>How the stack wires a Lambda handler beyond the state machine's own calls.</summary>
public enum LambdaRole
{
    /// <summary>A pure step the state machine invokes (config builders, the gate, notification formatting, the ledger).</summary>
    Step,

    /// <summary>The trigger-normalising handler: subscribed to the launch topic and targeted by the EventBridge rules.</summary>
    Trigger,

    /// <summary>The GitHub push webhook, behind a Lambda function URL.</summary>
    GitHubWebhook,

    /// <summary>The Alexa skill's handler, callable by the configured skill only.</summary>
    Alexa,
}
