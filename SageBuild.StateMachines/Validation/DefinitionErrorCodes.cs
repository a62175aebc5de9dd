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

    /// <summary>A state cannot be reached from StartAt.</summary>
    public const string UnreachableState = "UNREACHABLE_STATE";

    /// <summary>A graph has no state that ends it.</summary>
    public const string NoTerminalState = "MISSING_TERMINAL_STATE";

    /// <summary>Two states share a name across the whole definition.</summary>
    public const string DuplicateStateName = "DUPLICATE_STATE_NAME";

    /// <summary>A path, reference path, template or intrinsic function does not parse.</summary>
    public const string InvalidPath = "INVALID_PATH";

    /// <summary>A JSONata expression does not parse, or a field is not allowed in the state's query language.</summary>
    public const string InvalidJsonata = "INVALID_JSONATA";

    /// <summary>A Resource or other ARN is malformed.</summary>
    public const string InvalidArn = "INVALID_ARN";

    /// <summary>A Choice rule is malformed.</summary>
    public const string InvalidChoiceRule = "INVALID_CHOICE_RULE";

    /// <summary>A Retry or Catch rule is misplaced, such as States.ALL not alone or not last.</summary>
    public const string InvalidErrorHandling = "INVALID_ERROR_HANDLING";
}
