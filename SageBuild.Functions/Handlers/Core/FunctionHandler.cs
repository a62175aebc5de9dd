using System.Text;
using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Handlers.Core;

/// <summary>
/// The base of every handler: a typed core (<see cref="Handle"/>) and the <c>Stream → Stream</c> entry point the
/// dotnet10 managed Lambda runtime calls (handler string <c>SageBuild.Functions::{type}::Invoke</c>). Stream in and out
/// needs no serializer package: the event is read into the repository's <see cref="JsonValue"/>.
/// </summary>
public abstract class FunctionHandler : IFunctionHandler
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <summary>The handler string the managed runtime takes: <c>Assembly::Type::Method</c>.</summary>
    public string HandlerString => $"{GetType().Assembly.GetName().Name}::{GetType().FullName}::{EntryPoint}";

    /// <summary>The method the managed runtime calls.</summary>
    /// <value><see cref="Invoke"/>; a handler that calls AWS overrides it with its asynchronous entry point.</value>
    protected virtual string EntryPoint => nameof(Invoke);

    /// <inheritdoc />
    public abstract JsonValue Handle(JsonValue input);

    /// <summary>The Lambda entry point: reads the event's JSON, handles it, and returns the result's JSON.</summary>
    public Stream Invoke(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        var text = buffer.Length == 0 ? "{}" : Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var result = Handle(JsonValue.Parse(text));
        return new MemoryStream(Encoding.UTF8.GetBytes(result.ToJson()), writable: false);
    }
}
