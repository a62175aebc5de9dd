using System.Globalization;
using System.Text;

namespace SageBuild.Engine.Api.Service;

/// <summary>
/// The nextToken of a paged list: the offset of the next page and what was listed, so that a token handed out for one
/// list is refused (InvalidToken) by another. Opaque to callers, as AWS's tokens are.
/// </summary>
internal static class PageToken
{
    /// <summary>AWS's default page size for every list this API has.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The page of <paramref name="all"/> that <paramref name="nextToken"/> asks for, and the token of the page after it.</summary>
    public static (List<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> all, int? maxResults, string? nextToken, string scope)
    {
        var size = maxResults is null or 0 ? DefaultPageSize : maxResults.Value;
        var start = nextToken is null ? 0 : Decode(nextToken, scope);
        if (start > all.Count)
            throw StepFunctionsErrors.InvalidToken(nextToken!);
        var end = Math.Min(all.Count, start + size);
        var page = new List<T>(end - start);
        for (var i = start; i < end; i++)
            page.Add(all[i]);
        return (page, end < all.Count ? Encode(end, scope) : null);
    }

    private static string Encode(int offset, string scope) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(offset.ToString(CultureInfo.InvariantCulture) + "|" + scope));

    private static int Decode(string token, string scope)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|', 2);
            if (parts.Length == 2 && parts[1] == scope && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                return offset;
        }
        catch (FormatException)
        {
        }

        throw StepFunctionsErrors.InvalidToken(token);
    }
}
