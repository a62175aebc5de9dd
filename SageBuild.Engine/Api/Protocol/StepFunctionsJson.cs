using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SageBuild.Engine.Api.Model;

namespace SageBuild.Engine.Api.Protocol;

/// <summary>
/// The serialisation settings the host and the client share. Members the model marks required are C# <c>required</c>
/// so code that builds a request cannot forget one, but reading never insists on them: the host answers a missing member
/// with AWS's ValidationException (not a serializer error), and the client reads whatever a server sends.
/// </summary>
internal static class StepFunctionsJson
{
    public static JsonSerializerOptions Options { get; } = new(StepFunctionsJsonContext.Default.Options)
    {
        TypeInfoResolver = StepFunctionsJsonContext.Default.WithAddedModifier(static typeInfo =>
        {
            foreach (var property in typeInfo.Properties)
                property.IsRequired = false;
        }),
    };

    /// <summary>The lenient counterpart of a source-generated type info.</summary>
    public static JsonTypeInfo<T> Lenient<T>(JsonTypeInfo<T> generated)
    {
        ArgumentNullException.ThrowIfNull(generated);
        return (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
    }
}
