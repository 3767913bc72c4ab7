using System.Globalization;
using System.Text.Json;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Silver;

/// <summary>A raw file's name, taken apart: <c>raw/{bron}/{dataset}/{yyyy-MM-dd}/{sha256}.{ext}</c>.</summary>
public sealed record RawFile(LakePath Path, string Bron, string Dataset, DateOnly Fetched, string Sha256, string Extension)
{
    /// <summary>The sidecar bronze writes beside the raw file.</summary>
    public LakePath Sidecar => LakePath.Parse(Path.Value + ".json");

    public static bool IsSidecar(LakePath path) => path.IsRaw && path.FileName.Count(c => c == '.') >= 2 && path.FileName.EndsWith(".json", StringComparison.Ordinal);

    public static bool TryParse(LakePath path, out RawFile raw)
    {
        raw = null!;
        if (IsSidecar(path)) return false;
        try { raw = Parse(path); return true; }
        catch (ArgumentException) { return false; }
    }

    public static RawFile Parse(LakePath path)
    {
        var parts = path.Value.Split('/');
        if (parts.Length != 5 || parts[0] != LakeZones.Raw)
            throw new ArgumentException($"'{path}' is not a raw file name (raw/{{bron}}/{{dataset}}/{{yyyy-MM-dd}}/{{sha256}}.{{ext}}).");
        if (!DateOnly.TryParseExact(parts[3], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var fetched))
            throw new ArgumentException($"'{path}': '{parts[3]}' is not a yyyy-MM-dd date folder.");
        var dot = parts[4].IndexOf('.');
        if (dot <= 0) throw new ArgumentException($"'{path}': the file name has no extension.");
        return new RawFile(path, parts[1], parts[2], fetched, parts[4][..dot], parts[4][(dot + 1)..].ToLowerInvariant());
    }

    /// <summary>
    /// The provisional year from the sidecar (<c>voorlopig_jaar</c>, number or text); null when there is no sidecar or
    /// no such field. An unreadable sidecar gives a warning for the run manifest rather than blocking the data.
    /// </summary>
    public async Task<(int? Year, string? Warning)> ProvisionalYearAsync(ILakeStore lake, CancellationToken ct)
    {
        if (!await lake.ExistsAsync(Sidecar, ct)) return (null, null);
        await using var s = await lake.OpenReadAsync(Sidecar, ct);
        try
        {
            using var doc = await JsonDocument.ParseAsync(s, cancellationToken: ct);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("voorlopig_jaar", out var v)) return (null, null);
            return v.ValueKind switch
            {
                JsonValueKind.Number when v.TryGetInt32(out var n) => (n, null),
                JsonValueKind.String when int.TryParse(v.GetString(), CultureInfo.InvariantCulture, out var n) => (n, null),
                JsonValueKind.Null => (null, null),
                _ => (null, $"sidecar {Sidecar}: voorlopig_jaar {v.GetRawText()} is not a year; no year flagged provisional"),
            };
        }
        catch (JsonException e)
        {
            return (null, $"sidecar {Sidecar} is not valid JSON ({e.Message}); no year flagged provisional");
        }
    }
}
