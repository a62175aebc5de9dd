using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SageBuild.Engine.Api.Model;

namespace SageBuild.Engine.Api.Protocol;

/// <summary>An operation with its request type <typeparamref name="TInput"/> and response type <typeparamref name="TOutput"/>.</summary>
internal sealed class StepFunctionsOperation<TInput, TOutput>(
    string name,
    JsonTypeInfo<TInput> input,
    JsonTypeInfo<TOutput> output,
    string? hostPrefix,
    Action<TInput, ConstraintViolations> validate,
    Func<IStepFunctionsService, TInput, CancellationToken, Task<TOutput>> invoke) : IStepFunctionsOperation
    where TInput : class
{
    private readonly JsonTypeInfo<TInput> _input = StepFunctionsJson.Lenient(input);
    private readonly JsonTypeInfo<TOutput> _output = StepFunctionsJson.Lenient(output);

    public string Name => name;

    public string? HostPrefix => hostPrefix;

    public JsonTypeInfo<TInput> Input => _input;

    public JsonTypeInfo<TOutput> Output => _output;

    public async Task<byte[]> InvokeAsync(IStepFunctionsService service, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var request = Read(body);
        var violations = new ConstraintViolations();
        validate(request, violations);
        if (violations.ToMessage() is { } message)
            throw new StepFunctionsException(StepFunctionsErrorCodes.ValidationException, message);
        var response = await invoke(service, request, cancellationToken);
        return JsonSerializer.SerializeToUtf8Bytes(response, _output);
    }

    private TInput Read(ReadOnlyMemory<byte> body)
    {
        // AWS treats an empty body as an empty request; the CLIs send "{}" but raw callers may send nothing.
        if (body.Length == 0 || body.Span.Trim(" \t\r\n"u8).Length == 0)
            body = "{}"u8.ToArray();
        try
        {
            return JsonSerializer.Deserialize(body.Span, _input)
                ?? throw new StepFunctionsException(StepFunctionsErrorCodes.SerializationException, "Start of structure or map expected, found NULL_VALUE");
        }
        catch (JsonException e)
        {
            throw StepFunctionsErrors.Serialization(e);
        }
    }
}
