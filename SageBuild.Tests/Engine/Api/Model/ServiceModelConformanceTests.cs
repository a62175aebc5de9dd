using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using SageBuild.Engine.Api.Model;
using SageBuild.Tests.Support;

namespace SageBuild.Tests.Engine.Api.Model;

/// <summary>
/// The protocol model against botocore's model of Step Functions, read fresh from the machine: every shape the
/// operations reach is a C# type with exactly botocore's member names, required members and enumeration values.
/// </summary>
public sealed class ServiceModelConformanceTests
{
    private const string Script = """
        import json, sys
        sys.path.insert(0, sys.argv[1])
        import generate
        model = generate.load()
        reachable, _ = generate.collect(model)
        out = {}
        for name in sorted(reachable):
            shape = model["shapes"][name]
            if shape["type"] == "structure":
                out[name] = {"members": list(shape["members"]), "required": shape.get("required", [])}
            elif shape["type"] == "string" and "enum" in shape:
                out[generate.pascal(name)] = {"enum": shape["enum"]}
        print(json.dumps(out))
        """;

    private static readonly Assembly Engine = typeof(StepFunctionsJsonContext).Assembly;

    [Test]
    public async Task Every_shape_has_botocore_members_required_members_and_enumeration_values()
    {
        var result = await ExternalProcess.RunAsync("python3", ["-c", Script, Path.Combine(RepositoryPaths.Root, "tools", "sfn-model")]);
        Assert.That(result.ExitCode, Is.Zero, $"python3 with botocore is needed to read the service model: {result}");
        using var model = JsonDocument.Parse(result.StandardOutput);
        var problems = new List<string>();
        foreach (var shape in model.RootElement.EnumerateObject())
        {
            var type = Engine.GetType($"SageBuild.Engine.Api.Model.{shape.Name}");
            if (type is null)
            {
                problems.Add($"{shape.Name}: no C# type");
                continue;
            }
            if (shape.Value.TryGetProperty("enum", out var values))
                problems.AddRange(CompareEnumeration(type, values.EnumerateArray().Select(v => v.GetString()!).ToList()));
            else
                problems.AddRange(CompareStructure(type, shape.Value));
        }
        Assert.That(problems, Is.Empty);
    }

    private static IEnumerable<string> CompareStructure(Type type, JsonElement shape)
    {
        var expected = shape.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).ToList();
        var required = shape.GetProperty("required").EnumerateArray().Select(m => m.GetString()!).ToHashSet();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Wire: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name))
            .Where(p => p.Wire is not null)
            .ToList();
        var actual = properties.Select(p => p.Wire!).ToList();
        if (!actual.SequenceEqual(expected))
            yield return $"{type.Name}: members [{string.Join(", ", actual)}], botocore has [{string.Join(", ", expected)}]";
        foreach (var (property, wire) in properties)
        {
            var isRequired = property.GetCustomAttribute<RequiredMemberAttribute>() is not null;
            var isValueType = Nullable.GetUnderlyingType(property.PropertyType) is not null || property.PropertyType.IsValueType;
            // A required value-type member of a request stays optional in C# so the host can tell it is missing.
            if (isRequired != required.Contains(wire!) && !(isValueType && !isRequired))
                yield return $"{type.Name}.{wire}: required in C# is {isRequired}, in botocore {required.Contains(wire!)}";
        }
    }

    private static IEnumerable<string> CompareEnumeration(Type type, List<string> expected)
    {
        var known = (System.Collections.IEnumerable)type.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var actual = known.Cast<object>().Select(v => v.ToString()!).ToList();
        if (!actual.SequenceEqual(expected))
            yield return $"{type.Name}: values [{string.Join(", ", actual)}], botocore has [{string.Join(", ", expected)}]";
    }
}
