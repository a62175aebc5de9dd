using System.Collections.Frozen;

namespace SageBuild.StateMachines.Expressions;

/// <summary>The names of the 18 intrinsic functions and how many arguments each takes.</summary>
public static class IntrinsicFunctions
{
    public const string Format = "States.Format";
    public const string StringToJson = "States.StringToJson";
    public const string JsonToString = "States.JsonToString";
    public const string Array = "States.Array";
    public const string ArrayPartition = "States.ArrayPartition";
    public const string ArrayContains = "States.ArrayContains";
    public const string ArrayRange = "States.ArrayRange";
    public const string ArrayGetItem = "States.ArrayGetItem";
    public const string ArrayLength = "States.ArrayLength";
    public const string ArrayUnique = "States.ArrayUnique";
    public const string Base64Encode = "States.Base64Encode";
    public const string Base64Decode = "States.Base64Decode";
    public const string Hash = "States.Hash";
    public const string JsonMerge = "States.JsonMerge";
    public const string MathRandom = "States.MathRandom";
    public const string MathAdd = "States.MathAdd";
    public const string StringSplit = "States.StringSplit";
    public const string Uuid = "States.UUID";

    /// <summary>AWS lets a field nest up to this many calls.</summary>
    public const int MaxNesting = 10;

    private static readonly FrozenDictionary<string, (int Min, int Max)> Arities = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        [Format] = (1, int.MaxValue),
        [StringToJson] = (1, 1),
        [JsonToString] = (1, 1),
        [Array] = (0, int.MaxValue),
        [ArrayPartition] = (2, 2),
        [ArrayContains] = (2, 2),
        [ArrayRange] = (3, 3),
        [ArrayGetItem] = (2, 2),
        [ArrayLength] = (1, 1),
        [ArrayUnique] = (1, 1),
        [Base64Encode] = (1, 1),
        [Base64Decode] = (1, 1),
        [Hash] = (2, 2),
        [JsonMerge] = (3, 3),
        [MathRandom] = (2, 3),
        [MathAdd] = (2, 2),
        [StringSplit] = (2, 2),
        [Uuid] = (0, 0),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every function name.</summary>
    public static IEnumerable<string> Names => Arities.Keys;

    /// <summary>The fewest and most arguments <paramref name="name"/> takes; false for an unknown name.</summary>
    public static bool TryGetArity(string name, out int min, out int max)
    {
        if (Arities.TryGetValue(name, out var arity))
        {
            (min, max) = arity;
            return true;
        }

        min = max = 0;
        return false;
    }

    /// <summary>"1 argument", "2 to 3 arguments", "at least 1 argument".</summary>
    internal static string DescribeArity(int min, int max) => (min, max) switch
    {
        _ when min == max => min == 1 ? "1 argument" : $"{min} arguments",
        (_, int.MaxValue) => min == 1 ? "at least 1 argument" : $"at least {min} arguments",
        _ => $"{min} to {max} arguments",
    };
}
