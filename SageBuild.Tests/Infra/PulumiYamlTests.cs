using System.Text;
using CsCheck;
using SageBuild.Infra.Model;
using SageBuild.StateMachines.Json;
using YamlDotNet.RepresentationModel;

namespace SageBuild.Tests.Infra;

public sealed class PulumiYamlTests
{
    [Test]
    public void A_program_prints_in_block_style_in_the_order_it_was_built()
    {
        var program = new PulumiProgram("demo");
        var region = program.AddVariable("region", FunctionCall.Invoke("aws:getRegion", returnField: "region"));
        var bucket = program.Add(new Resource("bucket", new ResourceType("aws:s3:Bucket"), new MapValue
        {
            ["bucket"] = Interpolation.Format($"demo-{region}"),
            ["tags"] = new MapValue { ["team"] = "ml" },
            ["empty"] = new MapValue(),
        }, new ResourceOptions { Protect = true }));
        program.Add(new Resource("policy", new ResourceType("aws:s3:BucketPolicy"), new MapValue
        {
            ["bucket"] = bucket.Output("id"),
            ["policy"] = FunctionCall.ToJson(new MapValue { ["Statement"] = PropertyValue.List(new MapValue { ["Effect"] = "Allow", ["Resource"] = PropertyValue.Texts(["a", "b"]) }) }),
            ["list"] = PropertyValue.List(),
        }, new ResourceOptions { DependsOn = [bucket], IgnoreChanges = ["policy"] }));
        program.AddOutput("name", bucket.Output("bucket"));

        Assert.That(PulumiYaml.Write(program), Is.EqualTo("""
            name: demo
            variables:
              region:
                fn::invoke:
                  function: aws:getRegion
                  arguments: {}
                  return: region
            resources:
              bucket:
                type: aws:s3:Bucket
                properties:
                  bucket: "demo-${region}"
                  tags:
                    team: ml
                  empty: {}
                options:
                  protect: true
              policy:
                type: aws:s3:BucketPolicy
                properties:
                  bucket: "${bucket.id}"
                  policy:
                    fn::toJSON:
                      Statement:
                        - Effect: Allow
                          Resource:
                            - a
                            - b
                  list: []
                options:
                  dependsOn:
                    - "${bucket}"
                  ignoreChanges:
                    - policy
            outputs:
              name: "${bucket.bucket}"

            """.Replace("\r\n", "\n", StringComparison.Ordinal)));
    }

    [TestCase("true")]
    [TestCase("yes")]
    [TestCase("No")]
    [TestCase("on")]
    [TestCase("OFF")]
    [TestCase("y")]
    [TestCase("N")]
    [TestCase("null")]
    [TestCase("~")]
    [TestCase("")]
    [TestCase("123")]
    [TestCase("1.5")]
    [TestCase("0x1F")]
    [TestCase("1e3")]
    [TestCase(".inf")]
    [TestCase("2026-11-25")]
    [TestCase("-leading dash")]
    [TestCase("key: value")]
    [TestCase("trailing colon:")]
    [TestCase("text # not a comment")]
    [TestCase("#comment")]
    [TestCase("* alias")]
    [TestCase("&anchor")]
    [TestCase("!tag")]
    [TestCase("{flow}")]
    [TestCase("[flow]")]
    [TestCase("'single'")]
    [TestCase("\"double\"")]
    [TestCase(" padded ")]
    [TestCase("line\nbreak")]
    [TestCase("tab\there")]
    [TestCase("back\\slash")]
    [TestCase("µs latency")]
    public void A_string_any_YAML_reader_could_misread_is_quoted_and_reads_back_the_same(string text)
    {
        var yaml = PulumiYaml.WriteValue(new MapValue { ["value"] = PropertyValue.Text(text) });
        var scalar = ReadScalar(yaml);
        Assert.That(scalar.Value, Is.EqualTo(text));
        if (text is not "µs latency")
            Assert.That(scalar.Style, Is.Not.EqualTo(YamlDotNet.Core.ScalarStyle.Plain), yaml);
    }

    [Test]
    public void Any_string_reaches_Pulumi_as_the_text_it_was()
    {
        // Two layers: YAML gives back the written scalar, and Pulumi's interpolation turns it back into the text.
        Gen.Char.Array[0, 20].Select(c => new string(c)).Where(s => !s.Any(char.IsSurrogate)).Sample(text =>
        {
            var scalar = ReadScalar(PulumiYaml.WriteValue(new MapValue { ["value"] = PropertyValue.Text(text) }));
            Assert.That(scalar.Value, Is.EqualTo(Interpolation.Literal(text).ToYamlString()));
            Assert.That(string.Concat(PulumiInterpolation(scalar.Value!).Cast<string>()), Is.EqualTo(text));
        });
    }

    [TestCase("$.input", "$.input")]
    [TestCase("cost: $5", "cost: $5")]
    [TestCase("${literal}", "$${literal}")]
    [TestCase("$$", "$$$")]
    [TestCase("$", "$")]
    [TestCase("a$${b}", "a$$$${b}")]
    public void Literal_dollars_are_escaped_only_where_Pulumi_would_read_them(string literal, string written)
    {
        var text = Interpolation.Literal(literal);
        Assert.That(text.ToYamlString(), Is.EqualTo(written));
        Assert.That(PulumiInterpolation(written), Is.EqualTo(new object[] { literal }));
    }

    [Test]
    public void Multi_line_text_is_a_literal_block_that_reads_back_exactly()
    {
        const string Script = "version: 0.2\nphases:\n  build:\n    commands:\n      - echo \"${IMAGE_TAG:-latest}\" # tag";
        var yaml = PulumiYaml.WriteValue(new MapValue { ["value"] = PropertyValue.Text(Script) });
        Assert.That(yaml, Is.EqualTo("value: |-\n  version: 0.2\n  phases:\n    build:\n      commands:\n        - echo \"$${IMAGE_TAG:-latest}\" # tag\n"));
        Assert.That(ReadScalar(yaml).Value, Is.EqualTo(Interpolation.Literal(Script).ToYamlString()));
    }

    [TestCase("ends with a break\n")]
    [TestCase("blank\n\nline")]
    [TestCase(" leading space\nx")]
    [TestCase("trailing space \nx")]
    [TestCase("tab\tin\nblock")]
    public void Multi_line_text_a_block_would_change_stays_quoted(string text)
    {
        var yaml = PulumiYaml.WriteValue(new MapValue { ["value"] = PropertyValue.Text(text) });
        Assert.That(yaml, Does.StartWith("value: \""));
        Assert.That(ReadScalar(yaml).Value, Is.EqualTo(text));
    }

    [Test]
    public void Keys_are_escaped_too_because_Pulumi_reads_them_as_expressions()
    {
        var yaml = PulumiYaml.WriteValue(new MapValue { ["Execution.$$"] = "$$.Execution.Id", ["${not.a.reference}"] = 1 });
        Assert.That(yaml, Is.EqualTo("Execution.$$$: $$$.Execution.Id\n\"$${not.a.reference}\": 1\n"));
    }

    [Test]
    public void Text_and_references_read_back_as_Pulumi_reads_interpolations()
    {
        var part = Gen.OneOf<object>(
            Gen.Char["${}$a.\\ "].Array[1, 6].Select(c => (object)new string(c)),
            Gen.OneOf("bucket", "topic").Select(root => (object)new Reference(root, "arn")));
        part.Array[0, 6].Sample(parts =>
        {
            var text = Interpolation.Concat(parts);
            Assert.That(PulumiInterpolation(text.ToYamlString()), Is.EqualTo(text.Parts.ToArray()));
        });
    }

    [Test]
    public void Placeholders_from_the_pipeline_become_references_and_other_dollars_stay_text()
    {
        static Interpolation? Resolve(string placeholder) => placeholder == "${topic.arn}" ? Interpolation.Of(new Reference("topic", "arn")) : null;
        var text = Interpolation.Parse("publish ${topic.arn} at ${unknown.x} with $.cost", Resolve);
        Assert.That(text.Parts, Is.EqualTo(new object[] { "publish ", new Reference("topic", "arn"), " at ${unknown.x} with $.cost" }));
        Assert.That(text.ToYamlString(), Is.EqualTo("publish ${topic.arn} at $${unknown.x} with $.cost"));

        var template = Interpolation.Parse("States.Format('$\\{topic.arn\\}:v{}', $.build)", Resolve);
        Assert.That(template.Parts, Is.EqualTo(new object[] { "States.Format('", new Reference("topic", "arn"), ":v{}', $.build)" }));
    }

    [Test]
    public void A_reference_to_something_not_yet_in_the_program_is_refused_with_its_name()
    {
        var program = new PulumiProgram("demo");
        var error = Assert.Throws<InvalidOperationException>(() => program.Add(new Resource("a", new ResourceType("aws:s3:Bucket"), new MapValue { ["bucket"] = new Reference("missing", "id") })));
        Assert.That(error!.Message, Is.EqualTo("a refers to ${missing.id}, but the program has no 'missing' yet: add it first"));
    }

    [Test]
    public void Names_are_shared_by_config_variables_and_resources()
    {
        var program = new PulumiProgram("demo");
        program.AddVariable("region", "eu-west-1");
        var error = Assert.Throws<InvalidOperationException>(() => program.Add(new Resource("region", new ResourceType("aws:s3:Bucket"), new MapValue())));
        Assert.That(error!.Message, Does.StartWith("'region' is already a variable of the program"));
    }

    [TestCase("aws:s3/bucket:Bucket")]
    [TestCase("aws:S3:Bucket")]
    [TestCase("s3.Bucket")]
    public void A_type_token_must_have_the_short_YAML_shape(string token)
    {
        Assert.Throws<ArgumentException>(() => _ = new ResourceType(token));
    }

    [Test]
    public void The_full_token_is_the_one_Pulumi_records()
    {
        Assert.That(new ResourceType("aws:s3:BucketVersioning").FullToken, Is.EqualTo("aws:s3/bucketVersioning:BucketVersioning"));
    }

    [Test]
    public void JSON_data_with_a_key_Pulumi_would_call_as_a_function_is_refused()
    {
        Assert.Throws<ArgumentException>(() => JsonProperties.Literal(JsonValue.Parse("{\"fn::toJSON\": 1}")));
    }

    [Test]
    public void A_file_archive_must_stay_inside_the_project()
    {
        Assert.Throws<ArgumentException>(() => FunctionCall.FileArchive("../elsewhere"));
        Assert.Throws<ArgumentException>(() => FunctionCall.FileArchive("/abs/path"));
        Assert.That(FunctionCall.FileArchive("./artifacts/functions").Argument, Is.EqualTo(PropertyValue.Text("./artifacts/functions")));
    }

    private static YamlScalarNode ReadScalar(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("value")];
    }

    /// <summary>Pulumi YAML's interpolation rules (pulumi-yaml ast/interpolation.go): "$$" is "$", "${...}" an access.</summary>
    private static object[] PulumiInterpolation(string value)
    {
        var parts = new List<object>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < value.Length)
        {
            if (value.AsSpan(i).StartsWith("$$"))
            {
                literal.Append('$');
                i += 2;
            }
            else if (value.AsSpan(i).StartsWith("${"))
            {
                var end = value.IndexOf('}', i);
                if (literal.Length > 0)
                    parts.Add(literal.ToString());
                literal.Clear();
                var expression = value[(i + 2)..end].Split('.', 2);
                parts.Add(new Reference(expression[0], expression.Length > 1 ? expression[1] : null));
                i = end + 1;
            }
            else
            {
                literal.Append(value[i]);
                i++;
            }
        }

        if (literal.Length > 0)
            parts.Add(literal.ToString());
        return [.. parts];
    }
}
