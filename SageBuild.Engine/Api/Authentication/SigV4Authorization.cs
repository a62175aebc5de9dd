namespace SageBuild.Engine.Api.Authentication;

/// <summary>The parts of an <c>Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c> header.</summary>
internal sealed record SigV4Authorization(
    string AccessKeyId,
    string Date,
    string Region,
    string Service,
    string Terminator,
    IReadOnlyList<string> SignedHeaders,
    string Signature)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    private static readonly string[] RequiredParameters = ["Credential", "Signature", "SignedHeaders"];

    public string Scope => $"{Date}/{Region}/{Service}/{Terminator}";

    /// <exception cref="StepFunctionsException">IncompleteSignatureException for a header that is not a SigV4 authorization.</exception>
    public static SigV4Authorization Parse(string header)
    {
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var algorithm = space < 0 ? header : header[..space];
        if (algorithm != Algorithm)
            throw Incomplete($"Unsupported AWS 'algorithm': '{algorithm}'. Only {Algorithm} is accepted.");
        var fields = header[(space + 1)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0].Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.Ordinal);
        var missing = RequiredParameters.Where(name => !fields.ContainsKey(name)).ToList();
        if (missing.Count > 0)
            throw Incomplete(string.Concat(missing.Select(name => $"Authorization header requires '{name}' parameter. ")).TrimEnd());
        var credential = fields["Credential"].Split('/');
        if (credential.Length != 5 || credential.Any(string.IsNullOrEmpty))
            throw Incomplete($"Credential should be of the form 'KEY/YYYYMMDD/region/service/aws4_request', not '{string.Join('/', credential.Skip(1))}'.");
        var signedHeaders = fields["SignedHeaders"].Split(';');
        return new(credential[0], credential[1], credential[2], credential[3], credential[4], signedHeaders, fields["Signature"]);
    }

    private static StepFunctionsException Incomplete(string message) =>
        new(StepFunctionsErrorCodes.IncompleteSignatureException, message);
}
