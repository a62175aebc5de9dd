using SageBuild.StateMachines.Json;

namespace SageBuild.Tests.Acceptance;

/// <summary>
/// Families of deterministic edits applied to the recorded definitions: some keep a definition valid (renaming,
/// adding tasks, wrapping in a Parallel), most break it in one known way. Each family takes the first seeds it
/// applies to, in corpus order, so the set of cases is the same on every run.
/// </summary>
internal static class Mutations
{
    private const int SeedsPerFamily = 8;

    private static readonly string[] Resources =
    [
        "arn:aws:states:::lambda:invoke",
        "arn:aws:states:::sagemaker:createTrainingJob.sync",
        "arn:aws:states:::aws-sdk:ssm:getParameter",
        "arn:aws:lambda:us-east-1:123456789012:function:Score",
        "arn:aws:states:us-east-1:123456789012:activity:Approve",
        "arn:aws:states:::states:startExecution.sync:2",
        "arn:aws:states:::sns:publish",
        "arn:aws:states:::dynamodb:putItem",
        "arn:aws:states:::codebuild:startBuild.sync",
    ];

    /// <summary>A family: its name and an edit that returns null when the seed has nothing to edit.</summary>
    private sealed record Family(string Name, Func<JsonObject, int, JsonObject?> Edit);

    private static readonly Family[] Families =
    [
        // ---- edits that keep a definition valid ----
        new("valid-rename-states", (d, _) => RenameAll(d)),
        new("valid-add-task", (d, i) => Prepend(d, "Added task", Obj(("Type", "Task"), ("Resource", Resources[i % Resources.Length])))),
        new("valid-add-retry-catch", (d, i) => Prepend(d, "Guarded task", Obj(
            ("Type", "Task"), ("Resource", Resources[i % Resources.Length]),
            ("Retry", Arr(Obj(("ErrorEquals", Arr("States.Timeout")), ("IntervalSeconds", 2), ("MaxAttempts", 0)), Obj(("ErrorEquals", Arr("States.ALL")), ("BackoffRate", 1.5)))),
            ("Catch", Arr(Obj(("ErrorEquals", Arr("States.ALL")), ("Next", "Guard failed")))))) is { } guarded
            ? AddStates(guarded, ("Guard failed", Obj(("Type", "Fail"), ("Error", "Guarded"))))
            : null),
        new("valid-wrap-in-parallel", (d, _) => WrapInParallel(d)),

        // ---- edits that break a definition ----
        new("drop-startat", (d, _) => d.Without("StartAt")),
        new("startat-names-no-state", (d, _) => d.With("StartAt", "Nowhere")),
        new("break-next", (d, _) => EditFirstState(d, s => s.ContainsKey("Next") ? s.With("Next", "Nowhere") : null)),
        new("break-default", (d, _) => EditFirstState(d, s => s.ContainsKey("Default") ? s.With("Default", "Nowhere") : null)),
        new("break-catch-next", (d, i) => Prepend(d, "Catching", Obj(("Type", "Task"), ("Resource", Resources[i % Resources.Length]),
            ("Catch", Arr(Obj(("ErrorEquals", Arr("States.ALL")), ("Next", "Nowhere"))))))),
        new("orphan-state", (d, _) => AddStates(d, ("Orphan", Obj(("Type", "Pass"), ("End", true))))),
        new("orphan-cycle", (d, _) => AddStates(d, ("Loop one", Obj(("Type", "Pass"), ("Next", "Loop two"))), ("Loop two", Obj(("Type", "Pass"), ("Next", "Loop one"))))),
        new("loop-without-end", (d, _) => d.With("StartAt", "Spin").With("States", Obj(("Spin", Obj(("Type", "Pass"), ("Next", "Spin again"))), ("Spin again", Obj(("Type", "Pass"), ("Next", "Spin")))))),
        new("unknown-state-field", (d, _) => EditFirstState(d, s => s.With("Colour", "blue"))),
        new("unknown-top-level-field", (d, _) => d.With("Owner", "sagebuild")),
        new("next-not-a-string", (d, _) => EditFirstState(d, s => s.ContainsKey("Next") ? s.With("Next", 5) : null)),
        new("unknown-state-type", (d, _) => EditFirstState(d, s => s.With("Type", "Sleep"))),
        new("missing-end", (d, _) => EditFirstState(d, s => s.ContainsKey("End") ? s.Without("End") : null)),
        new("next-and-end", (d, _) => EditFirstState(d, s => s.ContainsKey("End") && s.TryGetValue("Type", out var t) && t is JsonString { Value: not "Succeed" and not "Fail" } ? s.With("Next", FirstStateName(d)) : null)),
        new("choice-operand-wrong-type", (d, _) => EditFirstChoiceComparison(d, (op, rule) => op.StartsWith("Numeric", StringComparison.Ordinal) && !op.EndsWith("Path", StringComparison.Ordinal) ? rule.With(op, "1") : op.StartsWith("String", StringComparison.Ordinal) && !op.EndsWith("Path", StringComparison.Ordinal) ? rule.With(op, 1) : op.StartsWith("Is", StringComparison.Ordinal) ? rule.With(op, "true") : null)),
        new("choice-unknown-operator", (d, _) => EditFirstChoiceComparison(d, (op, rule) => rule.Without(op).With(op + "s", rule[op]))),
        new("choice-without-rules", (d, _) => EditFirstState(d, s => s.ContainsKey("Choices") ? s.With("Choices", JsonArray.Empty).With("Default", s.TryGetValue("Default", out var x) ? x : ((JsonObject)((JsonArray)s["Choices"])[0])["Next"]) : null)),
        new("states-all-not-last", (d, i) => Prepend(d, "Retrying", Obj(("Type", "Task"), ("Resource", Resources[i % Resources.Length]),
            ("Retry", Arr(Obj(("ErrorEquals", Arr("States.ALL"))), Obj(("ErrorEquals", Arr("States.Timeout")))))))),
        new("states-all-not-alone", (d, i) => Prepend(d, "Retrying", Obj(("Type", "Task"), ("Resource", Resources[i % Resources.Length]),
            ("Retry", Arr(Obj(("ErrorEquals", Arr("States.ALL", "States.Timeout")))))))),
        new("empty-error-equals", (d, i) => Prepend(d, "Retrying", Obj(("Type", "Task"), ("Resource", Resources[i % Resources.Length]),
            ("Retry", Arr(Obj(("ErrorEquals", JsonArray.Empty))))))),
        new("retry-interval-zero", (d, i) => Prepend(d, "Retrying", Obj(("Type", "Task"), ("Resource", Resources[i % Resources.Length]),
            ("Retry", Arr(Obj(("ErrorEquals", Arr("States.Timeout")), ("IntervalSeconds", 0))))))),
        new("retry-negative-attempts", (d, i) => Prepend(d, "Retrying", Obj(("Type", "Task"), ("Resource", Resources[i % Resources.Length]),
            ("Retry", Arr(Obj(("ErrorEquals", Arr("States.Timeout")), ("MaxAttempts", -1))))))),
        new("heartbeat-not-below-timeout", (d, i) => Prepend(d, "Timed", Obj(("Type", "Task"), ("Resource", Resources[i % Resources.Length]), ("TimeoutSeconds", 30), ("HeartbeatSeconds", 30)))),
        new("timeout-zero", (d, i) => Prepend(d, "Timed", Obj(("Type", "Task"), ("Resource", Resources[i % Resources.Length]), ("TimeoutSeconds", 0)))),
        new("resource-not-an-arn", (d, _) => Prepend(d, "Bad resource", Obj(("Type", "Task"), ("Resource", "lambda:invoke")))),
        new("resource-unsupported-pattern", (d, i) => Prepend(d, "Bad pattern", Obj(("Type", "Task"), ("Resource", new[] { "arn:aws:states:::lambda:invoke.sync", "arn:aws:states:::dynamodb:getItem.sync", "arn:aws:states:::aws-sdk:s3:getObject.sync" }[i % 3])))),
        new("wait-two-forms", (d, _) => Prepend(d, "Waiting", Obj(("Type", "Wait"), ("Seconds", 1), ("TimestampPath", "$.until")))),
        new("fail-error-and-error-path", (d, _) => AddTerminalFail(d, Obj(("Type", "Fail"), ("Error", "E"), ("ErrorPath", "$.error")))),
        new("map-without-processor", (d, _) => Prepend(d, "Mapping", Obj(("Type", "Map")))),
        new("branch-transition-escapes", (d, _) => Prepend(d, "Fan out", Parallel(Graph("Inner", ("Inner", Obj(("Type", "Pass"), ("Next", FirstStateName(d)))))))),
        new("item-processor-transition-escapes", (d, _) => Prepend(d, "Each item", Obj(("Type", "Map"), ("ItemProcessor", Graph("Inner",
            ("Inner", Obj(("Type", "Choice"), ("Choices", Arr(Obj(("Variable", "$.done"), ("BooleanEquals", true), ("Next", "Inner done")))), ("Default", FirstStateName(d)))),
            ("Inner done", Obj(("Type", "Succeed")))))))),
        new("duplicate-name-in-branch", (d, _) => Prepend(d, "Fan out", Parallel(Graph(FirstStateName(d), (FirstStateName(d), Obj(("Type", "Succeed"))))))),

        // ---- edits whose detection belongs to the expression-syntax and JSONata rules ----
        new("bad-input-path", (d, _) => EditFirstJsonPathState(d, s => s.With("InputPath", "not a path"))),
        new("bad-intrinsic-function", (d, _) => Prepend(d, "Formatting", Obj(("Type", "Pass"), ("Parameters", Obj(("greeting.$", "States.Nope($.name)")))))),
        new("jsonata-field-in-jsonpath-state", (d, _) => EditFirstJsonPathState(d, s => s.With("Arguments", Obj(("x", 1))))),
        new("bad-jsonata-expression", (d, _) => d.TryGetValue("QueryLanguage", out var q) && q is JsonString { Value: "JSONata" }
            ? Prepend(d, "Computing", Obj(("Type", "Pass"), ("Output", "{% $states.input. %}")))
            : null),
    ];

    /// <summary>Every mutation of every family, in a fixed order.</summary>
    public static IEnumerable<DifferentialCase> Generate(IReadOnlyList<(string Id, string Definition)> seeds)
    {
        foreach (var family in Families)
        {
            var made = 0;
            foreach (var (id, text) in seeds)
            {
                if (made == SeedsPerFamily)
                    break;
                if (JsonValue.Parse(text) is not JsonObject seed || family.Edit(seed, made) is not { } mutant)
                    continue;
                yield return new DifferentialCase($"{family.Name} <- {id}", family.Name, mutant.ToJson());
                made++;
            }
        }
    }

    /// <summary>The names of every family, for checking the known-differences document.</summary>
    public static IEnumerable<string> FamilyNames => Families.Select(f => f.Name);

    private static JsonObject States(JsonObject definition) => (JsonObject)definition["States"];

    private static string FirstStateName(JsonObject definition) => ((JsonString)definition["StartAt"]).Value;

    /// <summary>Adds <paramref name="name"/> as the new StartAt, transitioning to the old one.</summary>
    private static JsonObject? Prepend(JsonObject definition, string name, JsonObject state)
    {
        if (States(definition).ContainsKey(name))
            return null;
        var states = Obj((name, state.With("Next", FirstStateName(definition))));
        foreach (var (key, value) in States(definition))
            states = states.With(key, value);
        return definition.With("StartAt", name).With("States", states);
    }

    private static JsonObject AddStates(JsonObject definition, params (string Name, JsonObject State)[] added)
    {
        var states = States(definition);
        foreach (var (name, state) in added)
            states = states.With(name, state);
        return definition.With("States", states);
    }

    /// <summary>Adds a Fail state and routes a Catch-free Pass before the start to it, so it is reachable.</summary>
    private static JsonObject? AddTerminalFail(JsonObject definition, JsonObject fail) =>
        Prepend(definition, "Check", Obj(("Type", "Choice"), ("Choices", Arr(Obj(("Variable", "$.stop"), ("IsPresent", true), ("Next", "Stop"))))))
            is { } withChoice
            ? AddStates(withChoice.With("States", States(withChoice).With("Check", ((JsonObject)States(withChoice)["Check"]).Without("Next").With("Default", FirstStateName(definition)))), ("Stop", fail))
            : null;

    private static JsonObject? EditFirstState(JsonObject definition, Func<JsonObject, JsonObject?> edit)
    {
        foreach (var (name, value) in States(definition))
        {
            if (value is JsonObject state && edit(state) is { } edited)
                return definition.With("States", States(definition).With(name, edited));
        }

        return null;
    }

    private static JsonObject? EditFirstJsonPathState(JsonObject definition, Func<JsonObject, JsonObject?> edit)
    {
        var topLanguage = definition.TryGetValue("QueryLanguage", out var q) && q is JsonString s ? s.Value : "JSONPath";
        return EditFirstState(definition, state =>
        {
            var language = state.TryGetValue("QueryLanguage", out var l) && l is JsonString ls ? ls.Value : topLanguage;
            return language == "JSONPath" && state["Type"] is JsonString { Value: "Pass" or "Task" } ? edit(state) : null;
        });
    }

    private static JsonObject? EditFirstChoiceComparison(JsonObject definition, Func<string, JsonObject, JsonObject?> edit) =>
        EditFirstState(definition, state =>
        {
            if (!state.TryGetValue("Choices", out var choices) || choices is not JsonArray rules)
                return null;
            for (var i = 0; i < rules.Count; i++)
            {
                if (rules[i] is not JsonObject rule || !rule.ContainsKey("Variable"))
                    continue;
                var op = rule.Keys.FirstOrDefault(k => k is not ("Variable" or "Next" or "Assign" or "Comment" or "Output"));
                if (op is not null && edit(op, rule) is { } edited)
                    return state.With("Choices", JsonArray.Create(rules.Select((r, j) => j == i ? edited : r)));
            }

            return null;
        });

    /// <summary>Renames every state, rewriting the keys of each States object and every StartAt, Next and Default.</summary>
    private static JsonObject RenameAll(JsonObject definition) => (JsonObject)Rename(definition);

    private static JsonValue Rename(JsonValue value) => value switch
    {
        JsonObject o => JsonObject.Create(o.Select(p => KeyValuePair.Create(p.Key, p.Key switch
        {
            "States" when p.Value is JsonObject states => JsonObject.Create(states.Select(s => KeyValuePair.Create("Renamed " + s.Key, Rename(s.Value)))),
            "StartAt" or "Next" or "Default" when p.Value is JsonString name => (JsonValue)("Renamed " + name.Value),
            _ => Rename(p.Value),
        }))),
        JsonArray a => JsonArray.Create(a.Select(Rename)),
        _ => value,
    };

    private static IEnumerable<string> AllStateNames(JsonValue value)
    {
        switch (value)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    if (key == "States" && child is JsonObject states)
                    {
                        foreach (var name in states.Keys)
                            yield return name;
                    }

                    foreach (var name in AllStateNames(child))
                        yield return name;
                }

                break;
            case JsonArray a:
                foreach (var name in a.SelectMany(AllStateNames))
                    yield return name;
                break;
        }
    }

    private static JsonObject? WrapInParallel(JsonObject definition)
    {
        if (AllStateNames(definition).Contains("Wrapper"))
            return null;
        var branch = Obj(("StartAt", definition["StartAt"]), ("States", definition["States"]));
        return definition.With("StartAt", "Wrapper").With("States", Obj(("Wrapper", Obj(("Type", "Parallel"), ("Branches", Arr(branch)), ("End", true)))));
    }

    private static JsonObject Graph(string startAt, params (string Name, JsonObject State)[] states) =>
        Obj(("StartAt", startAt), ("States", JsonObject.Create(states.Select(s => KeyValuePair.Create(s.Name, (JsonValue)s.State)))));

    private static JsonObject Parallel(params JsonObject[] branches) => Obj(("Type", "Parallel"), ("Branches", JsonArray.Create(branches)));

    private static JsonObject Obj(params (string Key, JsonValue Value)[] properties) => JsonObject.Create(properties.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    private static JsonArray Arr(params JsonValue[] items) => JsonArray.Create(items);
}
