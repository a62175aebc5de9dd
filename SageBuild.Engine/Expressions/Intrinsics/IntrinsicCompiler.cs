using System.Collections.Frozen;
using SageBuild.StateMachines.Expressions;

namespace SageBuild.Engine.Expressions.Intrinsics;

/// <summary>Turns a parsed intrinsic call into a tree of <see cref="ValueNode"/>s, looking each function up once.</summary>
internal static class IntrinsicCompiler
{
    private static readonly FrozenDictionary<string, IntrinsicImplementation> Implementations = new Dictionary<string, IntrinsicImplementation>(StringComparer.Ordinal)
    {
        [IntrinsicFunctions.Format] = StringFunctions.Format,
        [IntrinsicFunctions.StringSplit] = StringFunctions.Split,
        [IntrinsicFunctions.StringToJson] = JsonFunctions.StringToJson,
        [IntrinsicFunctions.JsonToString] = JsonFunctions.JsonToString,
        [IntrinsicFunctions.JsonMerge] = JsonFunctions.JsonMerge,
        [IntrinsicFunctions.Array] = ArrayFunctions.Array,
        [IntrinsicFunctions.ArrayPartition] = ArrayFunctions.Partition,
        [IntrinsicFunctions.ArrayContains] = ArrayFunctions.Contains,
        [IntrinsicFunctions.ArrayRange] = ArrayFunctions.Range,
        [IntrinsicFunctions.ArrayGetItem] = ArrayFunctions.GetItem,
        [IntrinsicFunctions.ArrayLength] = ArrayFunctions.Length,
        [IntrinsicFunctions.ArrayUnique] = ArrayFunctions.Unique,
        [IntrinsicFunctions.Base64Encode] = EncodingFunctions.Base64Encode,
        [IntrinsicFunctions.Base64Decode] = EncodingFunctions.Base64Decode,
        [IntrinsicFunctions.Hash] = EncodingFunctions.Hash,
        [IntrinsicFunctions.MathAdd] = MathFunctions.Add,
        [IntrinsicFunctions.MathRandom] = MathFunctions.Random,
        [IntrinsicFunctions.Uuid] = MathFunctions.Uuid,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static ValueNode Compile(IntrinsicArgument argument) => argument switch
    {
        IntrinsicLiteralArgument { EscapeError: { } error } => new EscapeErrorNode(error),
        IntrinsicLiteralArgument literal => new LiteralNode(literal.Value),
        IntrinsicPathArgument path => new PathNode(PathExpression.Compile(path.Path)),
        IntrinsicCall call => CompileCall(call),
        _ => throw new ArgumentOutOfRangeException(nameof(argument), argument, "unknown intrinsic argument"),
    };

    private static ValueNode CompileCall(IntrinsicCall call)
    {
        if (call.Name == IntrinsicFunctions.Format && call.Arguments[0] is IntrinsicLiteralArgument { RawString: { } raw, EscapeError: null })
        {
            var values = new ValueNode[call.Arguments.Count - 1];
            for (var i = 0; i < values.Length; i++)
                values[i] = Compile(call.Arguments[i + 1]);
            return new FormatNode(FormatTemplate.Parse(raw), values);
        }

        var arguments = new ValueNode[call.Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
            arguments[i] = Compile(call.Arguments[i]);
        return new CallNode(call.Name, Implementations[call.Name], arguments);
    }
}
