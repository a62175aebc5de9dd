namespace SageBuild.Local.Parameters;

/// <summary>The SSM parameter types.</summary>
public enum ParameterType
{
    /// <summary>Plain text.</summary>
    String,

    /// <summary>A comma-separated list of strings.</summary>
    StringList,

    /// <summary>A secret: never shown in logs, listings or history unless the caller asks for decryption.</summary>
    SecureString,
}
