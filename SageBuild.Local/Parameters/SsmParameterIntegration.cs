using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SageBuild.Engine.Integrations;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Tasks;

namespace SageBuild.Local.Parameters;

/// <summary>
/// The <c>arn:aws:states:::aws-sdk:ssm:getParameter</c> and <c>putParameter</c> tasks, answered by a
/// <see cref="ParameterStore"/> with SSM's request and response shapes (Name, Value, Type, Overwrite, Description,
/// WithDecryption; <c>{"Parameter": {...}}</c> and <c>{"Version": n, "Tier": "Standard"}</c>).
/// </summary>
/// <remarks>
/// Errors follow Step Functions' rule for AWS SDK integrations: the service name in PascalCase, a dot, and the error
/// name with an <c>Exception</c> suffix added when SSM's own name lacks it (<c>Ssm.ParameterNotFoundException</c>,
/// <c>Ssm.ParameterAlreadyExistsException</c>). A validation error has no class of its own in the SDK and surfaces as
/// <c>Ssm.SsmException</c>. A SecureString read without WithDecryption returns an opaque stand-in for SSM's ciphertext,
/// never the value.
/// </remarks>
public sealed class SsmParameterIntegration(ParameterStore store) : IServiceIntegration
{
    private readonly ParameterStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <inheritdoc />
    public IReadOnlyCollection<string> Keys { get; } = ["aws-sdk:ssm:getParameter", "aws-sdk:ssm:putParameter"];

    /// <inheritdoc />
    public IReadOnlyCollection<IntegrationPattern> SupportedPatterns { get; } = [IntegrationPattern.RequestResponse];

    /// <inheritdoc />
    public ValueTask<IntegrationOutcome> InvokeAsync(IntegrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requestId = Guid.NewGuid().ToString();
        try
        {
            if (request.Parameters is not JsonObject parameters)
                throw new ParameterStoreException(ParameterStoreException.Validation, "The task's parameters must be a JSON object");
            var result = request.Target.Action switch
            {
                "getParameter" => GetParameter(parameters),
                "putParameter" => PutParameter(parameters),
                _ => throw new ParameterStoreException(ParameterStoreException.Validation, $"ssm:{request.Target.Action} is not supported locally"),
            };
            return ValueTask.FromResult(IntegrationOutcome.Success(result));
        }
        catch (ParameterStoreException e)
        {
            var error = e.ErrorCode == ParameterStoreException.Validation ? "Ssm.SsmException"
                : "Ssm." + (e.ErrorCode.EndsWith("Exception", StringComparison.Ordinal) ? e.ErrorCode : e.ErrorCode + "Exception");
            return ValueTask.FromResult(IntegrationOutcome.Failure(error, $"{e.Message} (Service: Ssm, Status Code: 400, Request ID: {requestId})"));
        }
    }

    private JsonObject GetParameter(JsonObject parameters)
    {
        var nameWithSelector = RequiredString(parameters, "Name");
        var withDecryption = parameters.TryGetValue("WithDecryption", out var flag) && flag is JsonBoolean { Value: true };
        var version = _store.Get(nameWithSelector);
        var selector = ParameterStore.SplitSelector(nameWithSelector).Selector;
        var value = version.IsSecure && !withDecryption ? StandInCiphertext(version) : version.Value;
        var parameter = new JsonObjectBuilder()
            .Set("ARN", _store.Arn(version.Name))
            .Set("DataType", "text")
            .Set("LastModifiedDate", version.LastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
            .Set("Name", version.Name)
            .SetIfNotNull("Selector", selector is null ? null : JsonValue.FromString(":" + selector))
            .Set("Type", version.Type.ToString())
            .Set("Value", value)
            .Set("Version", version.Version)
            .Build();
        return JsonObject.Create(("Parameter", parameter));
    }

    private JsonObject PutParameter(JsonObject parameters)
    {
        var name = RequiredString(parameters, "Name");
        var value = RequiredString(parameters, "Value");
        ParameterType? type = null;
        if (parameters.TryGetValue("Type", out var typeValue) && !typeValue.IsNull)
        {
            type = typeValue is JsonString { Value: "String" or "StringList" or "SecureString" } t
                ? Enum.Parse<ParameterType>(t.Value)
                : throw new ParameterStoreException(ParameterStoreException.Validation,
                    $"1 validation error detected: Value '{(typeValue as JsonString)?.Value ?? typeValue.ToJson()}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]");
        }

        var overwrite = parameters.TryGetValue("Overwrite", out var o) && o is JsonBoolean { Value: true };
        var description = parameters.TryGetValue("Description", out var d) && d is JsonString s ? s.Value : null;
        var version = _store.Put(name, value, type, overwrite, description);
        return JsonObject.Create(("Tier", "Standard"), ("Version", version.Version));
    }

    private static string RequiredString(JsonObject parameters, string field) =>
        parameters.TryGetValue(field, out var value) && value is JsonString s
            ? s.Value
            : throw new ParameterStoreException(ParameterStoreException.Validation,
                $"1 validation error detected: Value null at '{char.ToLowerInvariant(field[0])}{field[1..]}' failed to satisfy constraint: Member must not be null");

    // SSM returns KMS ciphertext when decryption is not asked for; this stands in for it without depending on the value.
    private static string StandInCiphertext(ParameterVersion version) =>
        "AQICAH" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{version.Name}:{version.Version}")));
}
