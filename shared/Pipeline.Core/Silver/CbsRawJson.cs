using System.Globalization;
using System.Text.Json;

namespace Pipeline.Core.Silver;

/// <summary>One entry of a CBS table's DataProperties (dimensions, topics, topic groups).</summary>
public sealed record CbsProperty(string Key, string Type, string? Title, string? Description, string? Unit, string? Datatype)
{
    public bool IsTopic => Type == "Topic";
    public bool IsTimeDimension => Type == "TimeDimension";
    public bool IsDimension => Type is "Dimension" or "GeoDimension" or "GeoDetail";
}

/// <summary>One TypedDataSet row; cells are read by property key.</summary>
public interface ICbsRecord
{
    /// <summary>Position in TypedDataSet (0-based), used as the "line" in rejects.</summary>
    long Position { get; }
    string? Text(string key);
    double? Number(string key);
}

/// <summary>
/// The raw shape bronze stores for one CBS OData v3 table — all parsing of it lives in this file, so adapting to a
/// different raw layout touches nothing else:
/// <code>{"table":"85368NED","DataProperties":[{"Key":"Perioden","Type":"TimeDimension",…},{"Key":"Topic_1","Type":"Topic",…}],
///  "dimensions":{"Perioden":[{"Key":"2023JJ00","Title":"2023"}],"RegioS":[…]},
///  "TypedDataSet":[{"ID":0,"Perioden":"2023JJ00","RegioS":"GM0363  ","Topic_1":123.0}]}</code>
/// CBS tables for this project are small (thousands of rows), so the document is parsed whole with JsonDocument.
/// </summary>
public sealed class CbsRawJson : IDisposable
{
    private readonly JsonDocument _doc;

    private CbsRawJson(JsonDocument doc, string? tableId, IReadOnlyList<CbsProperty> properties,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> titles)
    {
        _doc = doc;
        TableId = tableId;
        Properties = properties;
        DimensionTitles = titles;
    }

    public string? TableId { get; }
    public IReadOnlyList<CbsProperty> Properties { get; }

    /// <summary>Per dimension key: code (trimmed) → title.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> DimensionTitles { get; }

    /// <summary>The largest CBS raw file parsed (whole, in memory): 64 MiB, far above the project's tables.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    public static async Task<CbsRawJson> ParseAsync(Stream content, string file, CancellationToken ct)
    {
        JsonDocument doc;
        try
        {
            var bounded = new LimitedStream(content, MaxBytes);
            doc = await JsonDocument.ParseAsync(bounded, new JsonDocumentOptions { MaxDepth = 16 }, ct);
        }
        catch (Raw.SizeLimitExceededException)
        {
            throw new SchemaDriftException(file, null, $"the file is larger than {MaxBytes:#,0} bytes, the most a CBS table is read whole");
        }
        catch (JsonException e)
        {
            throw new SchemaDriftException(file, null, $"not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        try
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new SchemaDriftException(file, null, "the document is not a JSON object");
            var tableId = root.TryGetProperty("table", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (!root.TryGetProperty("DataProperties", out var props) || props.ValueKind != JsonValueKind.Array)
                throw new SchemaDriftException(file, "DataProperties", "missing (expected an array of table properties)");
            if (!root.TryGetProperty("TypedDataSet", out var rows) || rows.ValueKind != JsonValueKind.Array)
                throw new SchemaDriftException(file, "TypedDataSet", "missing (expected an array of rows)");
            var properties = props.EnumerateArray().Select(p => new CbsProperty(
                Str(p, "Key") ?? throw new SchemaDriftException(file, "DataProperties", "an entry has no Key"),
                Str(p, "Type") ?? "", Str(p, "Title"), Str(p, "Description"), Str(p, "Unit"), Str(p, "Datatype"))).ToList();
            var titles = new Dictionary<string, IReadOnlyDictionary<string, string?>>();
            if (root.TryGetProperty("dimensions", out var dims) && dims.ValueKind == JsonValueKind.Object)
                foreach (var dim in dims.EnumerateObject())
                {
                    var map = new Dictionary<string, string?>(StringComparer.Ordinal);
                    foreach (var item in dim.Value.EnumerateArray())
                        if (Str(item, "Key") is { } key) map[key.Trim()] = Str(item, "Title")?.Trim();
                    titles[dim.Name] = map;
                }
            return new CbsRawJson(doc, tableId, properties, titles);
        }
        catch
        {
            doc.Dispose();
            throw;
        }
    }

    public IEnumerable<ICbsRecord> Records()
    {
        long n = 0;
        foreach (var row in _doc.RootElement.GetProperty("TypedDataSet").EnumerateArray())
            yield return new Record(row, n++);
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public void Dispose() => _doc.Dispose();

    private sealed class Record(JsonElement row, long number) : ICbsRecord
    {
        public long Position { get; } = number;

        public string? Text(string key) =>
            row.TryGetProperty(key, out var v) ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Null => null,
                _ => v.GetRawText(),
            } : null;

        public double? Number(string key)
        {
            if (!row.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d)) return d;
            if (v.ValueKind == JsonValueKind.String)
            {
                var s = v.GetString();
                if (string.IsNullOrWhiteSpace(s) || s.Trim() == ".") return null; // CBS writes '.' for "not available"
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d)) return d;
            }
            throw new BadValueException(key, v.GetRawText(), "not a number");
        }
    }
}
