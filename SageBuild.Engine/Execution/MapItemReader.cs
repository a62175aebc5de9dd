using System.Globalization;
using System.IO.Compression;
using System.Text;
using SageBuild.Engine.Expressions;
using SageBuild.Engine.Integrations;
using SageBuild.StateMachines.Json;
using SageBuild.StateMachines.Model;

namespace SageBuild.Engine.Execution;

/// <summary>
/// A distributed Map's ItemReader: reads the items from S3 through the integration registry, as AWS does:
/// <c>s3:listObjectsV2</c> lists objects (every page); <c>s3:getObject</c> reads one object whose ReaderConfig
/// InputType is JSON (an array), JSONL (one value a line), CSV (rows as objects, headers from the FIRST_ROW or GIVEN)
/// or MANIFEST (an S3 Inventory manifest whose CSV files are read in turn). MaxItems (or MaxItemsPath) caps the count.
/// Every failure is States.ItemReaderFailed.
/// </summary>
internal sealed class MapItemReader
{
    private readonly string _stateName;
    private readonly string _resource;
    private readonly ResourceTarget _target;
    private readonly PreparedTemplate? _parameters;
    private readonly Jsonata.JsonataTemplate? _arguments;
    private readonly string _inputType;
    private readonly bool _headersInFirstRow;
    private readonly string[]? _headers;
    private readonly char _delimiter;
    private readonly int? _maxItems;
    private readonly PathExpression? _maxItemsPath;
    private readonly JsonataValueField? _jsonataMaxItems;

    public MapItemReader(string stateName, ItemReader reader)
    {
        _stateName = stateName;
        _resource = reader.Resource;
        _target = ResourceArns.Parse(reader.Resource);
        _parameters = PreparedTemplate.CompileOptional(reader.Parameters);
        // JSONata: Arguments, evaluated against the Map's input.
        _arguments = JsonataFields.Template(reader.Arguments, "ItemReader/Arguments");
        var config = reader.ReaderConfig ?? JsonObject.Empty;
        _inputType = Text(config, "InputType") ?? "JSON";
        _headersInFirstRow = (Text(config, "CSVHeaderLocation") ?? "FIRST_ROW") == "FIRST_ROW";
        _headers = config.TryGetValue("CSVHeaders", out var headers) && headers is JsonArray list ? [.. list.OfType<JsonString>().Select(h => h.Value)] : null;
        _delimiter = (Text(config, "CSVDelimiter") ?? "COMMA") switch
        {
            "PIPE" => '|',
            "SEMICOLON" => ';',
            "SPACE" => ' ',
            "TAB" => '\t',
            _ => ',',
        };
        _maxItems = config.TryGetValue("MaxItems", out var max) && max is JsonNumber n ? (int)n.Value : null;
        _maxItemsPath = Text(config, "MaxItemsPath") is { } path ? PathExpression.Compile(path) : null;
        // JSONata: MaxItems may be an expression.
        if (Text(config, "MaxItems") is { } maxItems && StateMachines.Jsonata.JsonataSyntax.IsExpression(maxItems))
            _jsonataMaxItems = JsonataValueField.From(maxItems, "ItemReader/ReaderConfig/MaxItems");
    }

    /// <summary>The items, in the order the source holds them.</summary>
    public async ValueTask<JsonArray> ReadAsync(RunFrame frame, JsonValue effective)
    {
        var parameters = _arguments is not null ? JsonataFields.Evaluate(_arguments, JsonataFields.Bindings(frame, effective)) : _parameters is null ? JsonObject.Empty : _parameters.Evaluate(frame, effective);
        var limit = MaxItems(frame, effective);
        var items = _target.Action switch
        {
            "listObjectsV2" => await ListAsync(frame, parameters, limit).ConfigureAwait(false),
            "getObject" => await ReadObjectAsync(frame, parameters).ConfigureAwait(false),
            _ => throw Failed($"the ItemReader resource '{_resource}' is not s3:getObject or s3:listObjectsV2"),
        };
        if (items.Count > limit)
            items.RemoveRange(limit, items.Count - limit);
        return JsonArray.Wrap([.. items]);
    }

    private async ValueTask<List<JsonValue>> ListAsync(RunFrame frame, JsonValue parameters, int limit)
    {
        var items = new List<JsonValue>();
        var request = parameters as JsonObject ?? JsonObject.Empty;
        while (items.Count < limit)
        {
            var page = await CallAsync(frame, request).ConfigureAwait(false) as JsonObject ?? throw Failed("s3:listObjectsV2 returned no object");
            if (page.TryGetValue("Contents", out var contents) && contents is JsonArray objects)
                items.AddRange(objects);
            if (page.TryGetValue("NextContinuationToken", out var next) && next is JsonString token && page.TryGetValue("IsTruncated", out var truncated) && truncated is JsonBoolean { Value: true })
                request = request.With("ContinuationToken", token);
            else
                break;
        }

        return items;
    }

    private async ValueTask<List<JsonValue>> ReadObjectAsync(RunFrame frame, JsonValue parameters)
    {
        var text = await GetTextAsync(frame, parameters).ConfigureAwait(false);
        switch (_inputType)
        {
            case "JSON":
                return Parse(text) is JsonArray array ? [.. array] : throw Failed("the JSON object read is not a JSON array");
            case "JSONL":
                return [.. text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).Select(Parse)];
            case "CSV":
                return Rows(text, _headersInFirstRow ? null : _headers ?? throw Failed("CSVHeaderLocation is GIVEN but ReaderConfig has no CSVHeaders"));
            case "MANIFEST":
                return await ReadManifestAsync(frame, parameters, text).ConfigureAwait(false);
            default:
                throw Failed($"the InputType '{_inputType}' is not JSON, JSONL, CSV or MANIFEST");
        }
    }

    // An S3 Inventory manifest: {"sourceBucket", "destinationBucket", "fileFormat": "CSV", "fileSchema": "Bucket, Key, ...", "files": [{"key"}]}.
    private async ValueTask<List<JsonValue>> ReadManifestAsync(RunFrame frame, JsonValue parameters, string text)
    {
        if (Parse(text) is not JsonObject manifest || !manifest.TryGetValue("files", out var files) || files is not JsonArray list)
            throw Failed("the manifest is not an S3 Inventory manifest with a files list");
        var schema = (Text(manifest, "fileSchema") ?? "Bucket, Key").Split(',', StringSplitOptions.TrimEntries);
        var bucket = (parameters as JsonObject)?.TryGetValue("Bucket", out var b) == true ? b : (JsonValue)(Text(manifest, "destinationBucket") ?? "");
        var items = new List<JsonValue>();
        foreach (var file in list.OfType<JsonObject>())
        {
            var key = Text(file, "key") ?? throw Failed("a manifest file entry has no key");
            var data = await GetTextAsync(frame, JsonObject.Create(("Bucket", bucket), ("Key", key))).ConfigureAwait(false);
            items.AddRange(Rows(data, schema));
        }

        return items;
    }

    private async ValueTask<string> GetTextAsync(RunFrame frame, JsonValue parameters)
    {
        var result = await CallAsync(frame, parameters).ConfigureAwait(false);
        if (result is not JsonObject o || !o.TryGetValue("Body", out var body) || body is not JsonString content)
            throw Failed("s3:getObject returned no Body text");
        var key = (parameters as JsonObject)?.TryGetValue("Key", out var k) == true && k is JsonString s ? s.Value : "";
        // Inventory data files are gzip; an integration hands binary bodies over as base64.
        if (key.EndsWith(".gz", StringComparison.Ordinal))
        {
            try
            {
                using var input = new MemoryStream(Convert.FromBase64String(content.Value));
                using var gzip = new GZipStream(input, CompressionMode.Decompress);
                using var reader = new StreamReader(gzip, Encoding.UTF8);
                return await reader.ReadToEndAsync(frame.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FormatException or InvalidDataException)
            {
                throw Failed($"the gzip object '{key}' could not be read: {e.Message}");
            }
        }

        return content.Value;
    }

    private ValueTask<JsonValue> CallAsync(RunFrame frame, JsonValue parameters) =>
        MapIntegrationCall.InvokeAsync(frame, _stateName, _resource, _target, parameters, ErrorNames.ItemReaderFailed);

    private List<JsonValue> Rows(string text, string[]? headers)
    {
        var rows = CsvRows(text);
        if (headers is null)
        {
            if (rows.Count == 0)
                throw Failed("the CSV object has no header row");
            headers = rows[0];
            rows.RemoveAt(0);
        }

        var items = new List<JsonValue>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Length > headers.Length)
                throw Failed($"a CSV row has {row.Length} fields but there are {headers.Length} headers");
            var item = new JsonObjectBuilder(headers.Length);
            for (var i = 0; i < headers.Length; i++)
                item.Set(headers[i], i < row.Length ? row[i] : "");
            items.Add(item.Build());
        }

        return items;
    }

    // RFC 4180: quoted fields may hold the delimiter, line breaks and doubled quotes. Every value is a string, as in AWS.
    private List<string[]> CsvRows(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == _delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                fields.Add(field.ToString());
                field.Clear();
                if (fields.Count > 1 || fields[0].Length > 0)
                    rows.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
            throw Failed("the CSV object ends inside a quoted field");
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }

        return rows;
    }

    private int MaxItems(RunFrame frame, JsonValue effective)
    {
        if (_jsonataMaxItems is not null)
        {
            var limit = _jsonataMaxItems.Evaluate(JsonataFields.Bindings(frame, effective));
            if (limit is JsonNumber number && number.TryGetInt64(out var count) && count is > 0 and <= 100_000_000)
                return (int)count;
            throw _jsonataMaxItems.OutOfRange("be a positive integer", limit);
        }

        if (_maxItemsPath is null)
            return _maxItems is > 0 ? _maxItems.Value : int.MaxValue;
        if (frame.TrySelect(_maxItemsPath, effective, out var value) && value is JsonNumber n && n.TryGetInt64(out var whole) && whole is > 0 and <= 100_000_000)
            return (int)whole;
        throw Failed($"MaxItemsPath {_maxItemsPath.Text} does not give a positive integer");
    }

    private JsonValue Parse(string text)
    {
        try
        {
            return JsonValue.Parse(text);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw Failed($"the object read is not JSON: {e.Message}");
        }
    }

    private StatesErrorException Failed(string problem) =>
        new(ErrorNames.ItemReaderFailed, string.Create(CultureInfo.InvariantCulture, $"The Map state '{_stateName}' could not read its items: {problem}"));

    private static string? Text(JsonObject o, string key) => o.TryGetValue(key, out var v) && v is JsonString s ? s.Value : null;
}
