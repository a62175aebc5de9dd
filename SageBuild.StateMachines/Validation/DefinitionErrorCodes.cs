namespace SageBuild.StateMachines.Validation;

/// <summary>The codes of <see cref="DefinitionError"/>, spelled as AWS's diagnostics spell them.</summary>
public static class DefinitionErrorCodes
{
    /// <summary>The text is not JSON.</summary>
    public const string InvalidJson = "INVALID_JSON_DESCRIPTION";

    /// <summary>A field is missing, unknown, of the wrong type or out of range.</summary>
    public const string SchemaValidationFailed = "SCHEMA_VALIDATION_FAILED";

    /// <summary>A Next, Default or StartAt names no state of its graph.</summary>
    public const string MissingTransitionTarget = "MISSING_TRANSITION_TARGET";

    /// <summary>A state cannot be reached from StartAt. AWS reports this under the same code as a missing target.</summary>
    public const string UnreachableState = "MISSING_TRANSITION_TARGET";

    /// <summary>A graph has no terminal state (End, Succeed or Fail) that StartAt can reach.</summary>
    public const string NoTerminalState = "MISSING_END_STATE";

    /// <summary>Two states share a name across the whole definition.</summary>
    public const string DuplicateStateName = "DUPLICATE_STATE_NAME";

    /// <summary>A path, reference path, template or intrinsic function does not parse.</summary>
    public const string InvalidPath = "INVALID_PATH";

    /// <summary>A JSONata expression does not parse, or a field is not allowed in the state's query language.</summary>
    public const string InvalidJsonata = "INVALID_JSONATA";

    /// <summary>A Task's Resource (or an ItemReader's or ResultWriter's) is not an ARN that Step Functions accepts.</summary>
    public const string InvalidArn = "INVALID_RESOURCE";

    /// <summary>A state name is too long or otherwise breaks the naming rules.</summary>
    public const string InvalidStateName = "INVALID_STATE_NAME";

    /// <summary>A Map state's Label is too long or holds a forbidden character.</summary>
    public const string InvalidLabelName = "INVALID_LABEL_NAME";

    /// <summary>Two Map states share a Label.</summary>
    public const string DuplicateLabelName = "DUPLICATE_LABEL_NAME";

    /// <summary>A Choice rule is malformed.</summary>
    public const string InvalidChoiceRule = "INVALID_CHOICE_RULE";

    /// <summary>A Retry or Catch rule is misplaced, such as States.ALL not alone or not last.</summary>
    public const string InvalidErrorHandling = "INVALID_ERROR_HANDLING";
}
