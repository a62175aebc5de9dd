using SageBuild.StateMachines.Json;

namespace SageBuild.Functions.Aws;

/// <summary>
/// The one SSM call the deployed functions make: GetParameter (the GitHub webhook reads its secret, a SecureString,
/// at run time). awsJson1_1 over HTTPS, SigV4 for service <c>ssm</c>.
/// </summary>
public sealed class ParameterStoreClient : IDisposable
{
    private readonly AwsJsonClient _json;

    /// <summary>A client for <paramref name="connection"/>; its <see cref="AwsConnection.ParameterStoreEndpoint"/> or AWS's regional endpoint.</summary>
    public ParameterStoreClient(AwsConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _json = new AwsJsonClient(connection, "ssm", "1.1", "AmazonSSM", connection.ParameterStoreEndpoint ?? connection.RegionalEndpoint("ssm"));
    }

    /// <summary>Where calls go.</summary>
    public Uri Endpoint => _json.Endpoint;

    /// <summary>The value of the parameter <paramref name="name"/>, decrypted when it is a SecureString and <paramref name="withDecryption"/> is true.</summary>
    public async Task<string> GetParameterAsync(string name, bool withDecryption = true, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var answer = await _json.SendAsync("GetParameter", JsonObject.Create(("Name", name), ("WithDecryption", withDecryption)), cancellationToken);
        return answer.TryGetValue("Parameter", out var p) && p is JsonObject parameter && parameter.TryGetValue("Value", out var v) && v is JsonString value
            ? value.Value
            : throw new AwsServiceException("AmazonSSM.GetParameter", "SerializationException", $"the answer holds no value of {name}", 200);
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();
}
