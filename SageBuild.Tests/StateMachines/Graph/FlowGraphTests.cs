using SageBuild.StateMachines.Graph;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;
using SageBuild.Tests.Conformance;

namespace SageBuild.Tests.StateMachines.Graph;

public sealed class FlowGraphTests
{
    private static readonly string Pipeline = """
        {
          "StartAt": "Gate",
          "States": {
            "Gate": {
              "Type": "Choice",
              "Choices": [{ "Variable": "$.auc", "NumericGreaterThan": 0.9, "Next": "Deploy" }],
              "Default": "Reject"
            },
            "Deploy": {
              "Type": "Parallel",
              "Branches": [
                { "StartAt": "Blue", "States": { "Blue": { "Type": "Pass", "End": true } } },
                { "StartAt": "Green", "States": { "Green": { "Type": "Wait", "Seconds": 1, "End": true } } }
              ],
              "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Reject" }],
              "Next": "Score"
            },
            "Score": {
              "Type": "Map",
              "ItemProcessor": { "StartAt": "One", "States": { "One": { "Type": "Succeed" } } },
              "End": true
            },
            "Reject": { "Type": "Fail", "Error": "Rejected" }
          }
        }
        """;

    [Test]
    public void Builds_nodes_clusters_and_labelled_edges_in_document_order()
    {
        var graph = FlowGraph.From(AslJson.Parse(Pipeline));

        Assert.That(graph.Nodes.Select(n => (n.Id, n.Label, n.ClusterId)), Is.EqualTo(new (string, string, string?)[]
        {
            ("start", "Start", null), ("n0", "Gate", null), ("n1", "Deploy", null), ("n2", "Score", null), ("n3", "Reject", null),
            ("n4", "Blue", "c0"), ("n5", "Green", "c1"), ("n6", "One", "c2"), ("end", "End", null),
        }));
        Assert.That(graph.Clusters.Select(c => (c.Id, c.Label, c.OwnerNodeId, c.Pointer)), Is.EqualTo(new[]
        {
            ("c0", "Branch 1 of Deploy", "n1", "/States/Deploy/Branches/0"),
            ("c1", "Branch 2 of Deploy", "n1", "/States/Deploy/Branches/1"),
            ("c2", "Items of Score", "n2", "/States/Score/ItemProcessor"),
        }));
        Assert.That(graph.Edges, Is.EquivalentTo(new[]
        {
            new FlowEdge("start", "n0", FlowEdgeKind.Start, null),
            new FlowEdge("n0", "n1", FlowEdgeKind.Choice, "$.auc NumericGreaterThan 0.9"),
            new FlowEdge("n0", "n3", FlowEdgeKind.Default, "otherwise"),
            new FlowEdge("n1", "n4", FlowEdgeKind.Branch, "branch 1"),
            new FlowEdge("n1", "n5", FlowEdgeKind.Branch, "branch 2"),
            new FlowEdge("n1", "n2", FlowEdgeKind.Next, null),
            new FlowEdge("n1", "n3", FlowEdgeKind.Catch, "catch States.ALL"),
            new FlowEdge("n2", "n6", FlowEdgeKind.Iteration, "each item"),
            new FlowEdge("n2", "end", FlowEdgeKind.End, null),
        }));
    }

    [Test]
    public void Renders_Mermaid_with_subgraphs_shapes_and_dashed_catch_edges()
    {
        var mermaid = MermaidRenderer.Render(FlowGraph.From(AslJson.Parse(Pipeline)));

        Assert.That(mermaid, Does.StartWith("flowchart TD\n"));
        Assert.That(mermaid, Does.Contain("n0{\"Gate<br/><i>Choice</i>\"}"));
        Assert.That(mermaid, Does.Contain("    subgraph c0 [\"Branch 1 of Deploy\"]\n        n4[\"Blue<br/><i>Pass</i>\"]\n    end\n"));
        Assert.That(mermaid, Does.Contain("n3([\"Reject<br/><i>Fail</i>\"])"));
        Assert.That(mermaid, Does.Contain("n1 -.->|\"catch States.ALL\"| n3"));
        Assert.That(mermaid, Does.Contain("n0 -->|\"$.auc NumericGreaterThan 0.9\"| n1"));
    }

    [Test]
    public void Renders_DOT_with_clusters_and_escaped_labels()
    {
        var definition = AslJson.Parse("""{"StartAt":"Say \"hi\"","States":{"Say \"hi\"":{"Type":"Pass","End":true}}}""");
        var dot = DotRenderer.Render(FlowGraph.From(definition));

        Assert.That(dot, Is.EqualTo(
            "digraph StateMachine {\n" +
            "    rankdir=TB;\n" +
            "    node [fontname=\"Helvetica\", fontsize=11];\n" +
            "    edge [fontname=\"Helvetica\", fontsize=9];\n" +
            "    start [label=\"Start\", shape=circle, style=filled, fillcolor=\"#333333\", fontcolor=white];\n" +
            "    n0 [label=\"Say \\\"hi\\\"\\n(Pass)\", shape=box, style=rounded];\n" +
            "    end [label=\"End\", shape=circle, style=filled, fillcolor=\"#333333\", fontcolor=white];\n" +
            "    start -> n0;\n" +
            "    n0 -> end;\n" +
            "}\n"));
        Assert.That(DotRenderer.Render(FlowGraph.From(AslJson.Parse(Pipeline))), Does.Contain("subgraph cluster_c2 {\n        label=\"Items of Score\";"));
    }

    [Test]
    public void Gives_the_same_text_every_time_for_every_recorded_definition()
    {
        foreach (var c in ConformanceCases.All.DistinctBy(c => c.Definition))
        {
            var definition = AslJson.Parse(c.Definition);
            var graph = FlowGraph.From(definition);
            Assert.That(MermaidRenderer.Render(FlowGraph.From(AslJson.Parse(AslJson.Write(definition)))), Is.EqualTo(MermaidRenderer.Render(graph)), c.Id);
            Assert.That(graph.Nodes.Count(n => n.Kind == FlowNodeKind.State), Is.EqualTo(CountStates(definition)), c.Id);
        }
    }

    private static int CountStates(StateGraph graph) => graph.States.Values.Sum(s => 1 + s switch
    {
        ParallelState p => p.Branches.Sum(CountStates),
        MapState { Processor: { } processor } => CountStates(processor),
        _ => 0,
    });
}
