using SageBuild.Engine.Jsonata.Runtime;
using SageBuild.StateMachines.Json;

namespace SageBuild.Engine.Jsonata.Functions;

/// <summary>
/// Runs matchers: a regex literal, or any function that returns JSONata's match object
/// <c>{match, start, end, groups, next}</c>.
/// </summary>
internal static class JsonataRegexFunctions
{
    /// <summary>One match: the text, where it starts, and the captured groups (null where a group took no part).</summary>
    public sealed record MatchInfo(string Text, int Start, IReadOnlyList<string?> Groups);

    /// <summary>The match object a regex returns when called as a function, from <paramref name="from"/>.</summary>
    public static object? Match(JsonataRegexFunction regex, object? text, int from)
    {
        if (text is not JsonString s)
            return null;
        var match = regex.Regex.Match(s.Value, from);
        return match.Success ? ToMatchObject(regex, s.Value, match) : null;
    }

    private static JsonataMap ToMatchObject(JsonataRegexFunction regex, string text, System.Text.RegularExpressions.Match match)
    {
        var result = new JsonataMap
        {
            ["match"] = JsonString.From(match.Value),
            ["start"] = JsonNumber.From(match.Index),
            ["end"] = JsonNumber.From(match.Index + match.Length),
        };
        var groups = new JsonataSequence();
        for (var i = 1; i < match.Groups.Count; i++)
            groups.Add(match.Groups[i].Success ? JsonString.From(match.Groups[i].Value) : null);
        result["groups"] = groups;
        var next = match.Index + match.Length;
        result["next"] = new JsonataNativeFunction("next", "<:o>", (_, _, _) =>
        {
            if (next >= text.Length)
                return null;
            var following = regex.Regex.Match(text, next);
            if (!following.Success)
                return null;
            if (following.Length == 0)
                throw new JsonataRuntimeException("D1004", JsonString.From(regex.Source));
            return ToMatchObject(regex, text, following);
        });
        return result;
    }

    /// <summary>Every match of <paramref name="matcher"/> in <paramref name="text"/>, in order, as JSONata iterates them.</summary>
    public static IEnumerable<MatchInfo> Matches(JsonataEvaluator evaluator, object matcher, string text)
    {
        if (matcher is JsonataRegexFunction regex)
        {
            var match = regex.Regex.Match(text, 0);
            if (!match.Success)
                yield break;
            yield return Info(match);
            while (true)
            {
                var next = match.Index + match.Length;
                if (next >= text.Length)
                    yield break;
                match = regex.Regex.Match(text, next);
                if (!match.Success)
                    yield break;
                if (match.Length == 0)
                    throw new JsonataRuntimeException("D1004", JsonString.From(regex.Source));
                yield return Info(match);
            }
        }

        var result = evaluator.Apply(matcher, [JsonString.From(text)], null);
        while (result is not null)
        {
            if (!JsonataValues.TryGetProperty(result, "match", out var m) || !JsonataValues.TryGetProperty(result, "start", out var start))
                throw new JsonataRuntimeException("T1010");
            var groups = JsonataValues.TryGetProperty(result, "groups", out var g)
                ? JsonataValues.Items(g).Select(x => (x as JsonString)?.Value).ToList()
                : [];
            yield return new MatchInfo((m as JsonString)?.Value ?? "", (int)((start as JsonNumber)?.Value ?? 0), groups);
            result = JsonataValues.TryGetProperty(result, "next", out var next) && next is JsonataFunction nextFunction
                ? evaluator.Apply(nextFunction, [], null)
                : null;
        }
    }

    private static MatchInfo Info(System.Text.RegularExpressions.Match match)
    {
        var groups = new string?[match.Groups.Count - 1];
        for (var i = 1; i < match.Groups.Count; i++)
            groups[i - 1] = match.Groups[i].Success ? match.Groups[i].Value : null;
        return new MatchInfo(match.Value, match.Index, groups);
    }
}
