using System.Text.Json;
using SageBuild.Engine.Api.Dashboard.Layout;
using SageBuild.StateMachines.Graph;
using SageBuild.StateMachines.Json;
using SageBuild.Tests.Conformance;

namespace SageBuild.Tests.Engine.Api.Dashboard.Layout;

public sealed class FlowGraphLayoutTests
{
    private static FlowGraph Graph(string asl) => FlowGraph.From(AslJson.Parse(asl));

    private static FlowGraph Fixture(string name) =>
        Graph(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Engine", "Api", "Dashboard", "Fixtures", name)));

    [Test]
    public void Draws_the_pipeline_with_no_overlap_every_edge_and_its_clusters_around_their_states()
    {
        var graph = Fixture("pipeline.asl.json");
        var layout = FlowGraphLayout.Compute(graph);

        Assert.That(LayoutChecks.Problems(graph, layout), Is.Empty);
        TestContext.Out.WriteLine($"pipeline: {graph.Nodes.Count} nodes, {graph.Edges.Count} edges, {layout.Width:F0} x {layout.Height:F0} px, {layout.Crossings} crossing(s)");
        Assert.Multiple(() =>
        {
            // 40 states with two polling loops, four Choices, a Parallel of three branches and a Map.
            Assert.That(layout.Crossings, Is.LessThanOrEqualTo(2), "edges barely cross");
            Assert.That(layout.Width, Is.LessThan(1600), "no wider than a wide screen at 100 %");
            Assert.That(layout.Edges.Count(e => e.IsBackEdge), Is.EqualTo(2), "the two polling loops go back up");
        });
    }

    [Test]
    public void Draws_the_same_graph_the_same_way_every_time()
    {
        var first = Json(FlowGraphLayout.Compute(Fixture("pipeline.asl.json")));
        var second = Json(FlowGraphLayout.Compute(Fixture("pipeline.asl.json")));
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Puts_the_start_on_top_and_each_step_below_the_one_before()
    {
        var layout = FlowGraphLayout.Compute(Graph("""
            {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Succeed"}}}
            """));
        var y = layout.Nodes.ToDictionary(n => n.Node.Label, n => n.Box.Y);
        Assert.That(new[] { y["Start"], y["A"], y["B"], y["C"] }, Is.Ordered.Ascending.And.Unique);
        // A straight path is drawn straight: every state centred on one line.
        Assert.That(layout.Nodes.Where(n => n.Node.Kind == FlowNodeKind.State).Select(n => Math.Round(n.Box.CenterX, 1)).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public void Draws_a_loop_back_up_and_a_self_loop_beside_its_state()
    {
        var graph = Graph("""
            {"StartAt":"Poll","States":{
              "Poll":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"Done?","Retry":[{"ErrorEquals":["States.ALL"]}],
                      "Catch":[{"ErrorEquals":["Flaky"],"Next":"Poll"}]},
              "Done?":{"Type":"Choice","Choices":[{"Variable":"$.done","BooleanEquals":true,"Next":"Finish"}],"Default":"Poll"},
              "Finish":{"Type":"Succeed"}}}
            """);
        var layout = FlowGraphLayout.Compute(graph);

        Assert.That(LayoutChecks.Problems(graph, layout), Is.Empty);
        var poll = layout.Nodes.Single(n => n.Node.Label == "Poll").Box;
        var back = layout.Edges.Single(e => e.Edge.Kind == FlowEdgeKind.Default);
        var self = layout.Edges.Single(e => e.Edge.Kind == FlowEdgeKind.Catch);
        Assert.Multiple(() =>
        {
            Assert.That(back.IsBackEdge, Is.True);
            Assert.That(back.Points[^1].Y, Is.EqualTo(poll.Bottom).Within(0.01), "the loop comes back into Poll from below");
            Assert.That(self.Points.Min(p => p.X), Is.GreaterThanOrEqualTo(poll.Right - 0.01), "a self-loop stays right of its state");
            Assert.That(self.LabelBox!.Value.X, Is.GreaterThan(poll.Right), "its label too");
        });
    }

    [Test]
    public void Nests_a_Map_inside_a_Parallel_branch_inside_its_owner()
    {
        var graph = Fixture("approval.asl.json");
        var layout = FlowGraphLayout.Compute(graph);
        Assert.That(LayoutChecks.Problems(graph, layout), Is.Empty);

        var box = layout.Nodes.ToDictionary(n => n.Node.Label, n => n.Box);
        var clusters = layout.Clusters.ToDictionary(c => c.Cluster.Label, c => c.Box);
        Assert.Multiple(() =>
        {
            Assert.That(clusters["Branch 1 of Fan out"].Encloses(box["Wait for approval"]), Is.True);
            Assert.That(clusters["Branch 2 of Fan out"].Encloses(box["Score items"]), Is.True);
            Assert.That(clusters["Items of Score items"].Encloses(box["Score"]), Is.True);
            Assert.That(box["Score items"].Encloses(clusters["Items of Score items"]), Is.True);
            Assert.That(box["Fan out"].Encloses(box["Score"]), Is.True);
            Assert.That(clusters["Branch 1 of Fan out"].Right, Is.LessThanOrEqualTo(clusters["Branch 2 of Fan out"].X), "branches side by side, in order");
            Assert.That(box["Approved?"].Y, Is.GreaterThan(box["Fan out"].Bottom), "what follows the Parallel comes after all of it");
        });
    }

    [Test]
    public void Gives_a_Choice_rule_its_condition_as_a_label_beside_its_line()
    {
        var graph = Fixture("approval.asl.json");
        var layout = FlowGraphLayout.Compute(graph);
        var rule = layout.Edges.Single(e => e.Edge.Kind == FlowEdgeKind.Choice);
        Assert.That(rule.Edge.Label, Is.EqualTo("$.results[0].approved BooleanEquals true"));
        var label = rule.LabelBox!.Value;
        Assert.That(rule.Points.Any(p => p.X < label.X && p.Y >= label.Y && p.Y <= label.Bottom), Is.True, "the line passes just left of its label");
    }

    [Test]
    public void Draws_every_recorded_conformance_definition_readably()
    {
        var drawn = 0;
        var problems = new List<string>();
        var definitions = ConformanceCases.All.Select(c => c.Definition).Distinct(StringComparer.Ordinal).ToList();
        foreach (var definition in definitions)
        {
            var read = AslJson.Read(definition);
            if (!read.IsWellFormed)
                continue;
            var graph = FlowGraph.From(read.Definition!);
            var layout = FlowGraphLayout.Compute(graph);
            problems.AddRange(LayoutChecks.Problems(graph, layout).Select(p => $"{Truncate(definition)}: {p}"));
            drawn++;
        }

        // The others are recorded on purpose with a broken definition (AWS's validation errors).
        Assert.That(drawn, Is.GreaterThan(definitions.Count * 3 / 4), $"{drawn} of {definitions.Count} recorded definitions drawn");
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Writes_the_layout_as_the_JSON_the_page_draws()
    {
        var layout = FlowGraphLayout.Compute(Fixture("approval.asl.json"));
        using var document = JsonDocument.Parse(Json(layout));
        var root = document.RootElement;
        var nodes = root.GetProperty("nodes").EnumerateArray().ToList();
        var fanOut = nodes.Single(n => n.GetProperty("label").GetString() == "Fan out");
        var choice = root.GetProperty("edges").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "choice");
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("width").GetDouble(), Is.EqualTo(Math.Round(layout.Width, 1)));
            Assert.That(nodes[0].GetProperty("kind").GetString(), Is.EqualTo("start"));
            Assert.That(fanOut.GetProperty("type").GetString(), Is.EqualTo("Parallel"));
            Assert.That(fanOut.GetProperty("container").GetBoolean(), Is.True);
            Assert.That(choice.GetProperty("points")[0].GetArrayLength(), Is.EqualTo(2), "points are [x, y]");
            Assert.That(choice.GetProperty("labelBox").GetProperty("width").GetDouble(), Is.GreaterThan(0));
            Assert.That(root.GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("owner").GetString()), Has.Member(fanOut.GetProperty("id").GetString()));
        });
    }

    [Test]
    public void Lays_out_a_long_chain_of_states_quickly_enough_to_draw_on_demand()
    {
        var states = string.Join(",", Enumerable.Range(0, 300).Select(i => $"\"S{i}\":{{\"Type\":\"Pass\",{(i < 299 ? $"\"Next\":\"S{i + 1}\"" : "\"End\":true")}}}"));
        var graph = Graph("{\"StartAt\":\"S0\",\"States\":{" + states + "}}");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var layout = FlowGraphLayout.Compute(graph);
        // Reported, not asserted: timings belong to benchmarks.
        TestContext.Out.WriteLine($"300 states laid out in {watch.ElapsedMilliseconds} ms");
        Assert.That(LayoutChecks.Problems(graph, layout), Is.Empty);
    }

    private static string Json(GraphLayout layout)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            GraphLayoutJson.Write(writer, layout);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Truncate(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
