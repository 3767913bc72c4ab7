using Pipeline.Core.Tables;
using System.Globalization;
using Pipeline.Core.Lake;
using Parquet;
using Parquet.Serialization;
using Pipeline.Core.Lake.Tables;

namespace Pipeline.Core.Gold;

/// <summary>
/// Reads the silver tables gold needs and converts them by column name into the rows the formulas take. The DUO and
/// JOB tables are read typed through <see cref="TableReader"/> with the schema silver wrote them with (one Parquet path,
/// no per-row dictionaries). A CBS table is read untyped (Parquet.Net directly): its columns follow the CBS metadata of
/// its raw file, and gold must see every dimension to warn about one it has no code for. Each file's
/// <c>raw_sha256</c> metadata and the raw file's fetch date give every row its source. The gold tables go through
/// <see cref="Tables.GoldTableStore"/>.
/// </summary>
public sealed class SilverReader(ILakeStore lake)
{
    private readonly Dictionary<string, Dictionary<string, DateOnly>> _rawDates = new();

    public async Task<SilverData> ReadSilverAsync(CancellationToken ct = default) => new()
    {
        Studenten = await ReadTypedAsync("mbo_studenten_per_instelling", (r, src) => new StudentenRow(
            Int(r, "jaar"), Str(r, "instellingscode"), Str(r, "instellingsnaam"), Str(r, "leerweg"), IntOrNull(r, "aantal"),
            Bool(r, "onderdrukt"), Bool(r, "voorlopig"), src), ct),
        Gediplomeerden = await ReadTypedAsync("gediplomeerde_mbo_studenten", (r, src) => new GediplomeerdenRow(
            Int(r, "jaar"), Str(r, "instellingscode"), Str(r, "instellingsnaam"), Str(r, "leerweg"), IntOrNull(r, "niveau") ?? 0,
            Str(r, "crebo"), Str(r, "geslacht"), IntOrNull(r, "aantal"), Bool(r, "onderdrukt"), Bool(r, "voorlopig"), src), ct),
        Instroom = await ReadTypedAsync("instromende_mbo_studenten", (r, src) => new InstroomRow(
            Int(r, "jaar"), Str(r, "instellingscode"), IntOrNull(r, "niveau") ?? 0, Str(r, "leerweg"), Str(r, "crebo"),
            IntOrNull(r, "aantal"), Bool(r, "onderdrukt"), Bool(r, "voorlopig"), src), ct),
        JobMonitor = await ReadTypedAsync("job_monitor", (r, src) => new JobMonitorRow(
            Int(r, "jaar"), Str(r, "instellingscode"), Str(r, "thema"), Str(r, "vraag"), IntOrNull(r, "respondenten"),
            DoubleOrNull(r, "percentage_positief"), DoubleOrNull(r, "rapportcijfer"), src), ct),
        Vsv = await ReadAsync("cbs_85368ned", (r, src) => new CbsRow(
            Int(r, "jaar"), Str(r, "periode_type"), Str(r, "periode"),
            r.Where(kv => kv.Key is not ("jaar" or "periode_type" or "periode") && kv.Value is string or null && kv.Value is not null)
                .ToDictionary(kv => kv.Key, kv => ((string)kv.Value!).Trim()),
            r.Where(kv => kv.Value is double or float or decimal || (kv.Value is null && kv.Key != "periode"))
                .ToDictionary(kv => kv.Key, kv => kv.Value is null ? (double?)null : Convert.ToDouble(kv.Value, CultureInfo.InvariantCulture)),
            src), ct),
    };

    /// <summary>Reads every file of a declared silver table with its schema, through <see cref="TableReader"/>; a missing table is empty.</summary>
    private async Task<IReadOnlyList<T>> ReadTypedAsync<T>(string table, Func<IReadOnlyDictionary<string, object?>, SilverSource, T> map, CancellationToken ct)
    {
        var (declaration, definition) = Declared(table);
        var columns = new ColumnLookup(definition);
        var rows = new List<T>();
        await foreach (var path in FilesAsync(definition, ct))
        {
            var file = await TableReader.ReadFileAsync(lake, definition, path, ct);
            var src = await SourceAsync(declaration, file.Metadata, ct);
            foreach (var values in file.Rows) rows.Add(Map(path, map, columns.Over(values), src));
        }
        return rows;
    }

    /// <summary>A row of a typed table seen by column name, without a dictionary per row.</summary>
    private sealed class ColumnLookup(TableDefinition table) : IReadOnlyDictionary<string, object?>
    {
        private readonly Dictionary<string, int> _index = table.Columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i);
        private object?[] _values = [];

        public ColumnLookup Over(object?[] values) { _values = values; return this; }

        public object? this[string key] => _values[_index[key]];
        public bool TryGetValue(string key, out object? value)
        {
            var found = _index.TryGetValue(key, out var i);
            value = found ? _values[i] : null;
            return found;
        }
        public bool ContainsKey(string key) => _index.ContainsKey(key);
        public IEnumerable<string> Keys => _index.Keys;
        public IEnumerable<object?> Values => _index.Values.Select(i => _values[i]);
        public int Count => _index.Count;
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
            _index.Select(kv => new KeyValuePair<string, object?>(kv.Key, _values[kv.Value])).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Reads every file of an untyped table: <c>silver/{table}/jaar=YYYY/*.parquet</c>; a missing table is empty.</summary>
    private async Task<IReadOnlyList<T>> ReadAsync<T>(string table, Func<IReadOnlyDictionary<string, object?>, SilverSource, T> map, CancellationToken ct)
    {
        var (declaration, definition) = Declared(table);
        var rows = new List<T>();
        await foreach (var path in FilesAsync(definition, ct))
        {
            var jaar = definition.PartitionOf(path)
                ?? throw new InvalidDataException($"{path} in {lake.Location} is not in a jaar=YYYY folder.");
            await using var s = await lake.OpenReadAsync(path, ct);
            using var ms = new MemoryStream();
            await s.CopyToAsync(ms, ct);
            ms.Position = 0;
            var result = await ParquetSerializer.DeserializeUntypedAsync(ms, new ParquetOptions(), cancellationToken: ct);
            var src = await SourceAsync(declaration, result.CustomMetadata, ct);
            var columns = result.Schema.GetDataFields().Select(f => f.Name).ToList();
            foreach (var raw in result.Data)
            {
                // Untyped strings may come back as ReadOnlyMemory<char> (ParquetOptions.PreferUntypedString is a static
                // switch; flipping it would change every other reader in the process).
                var r = raw.ToDictionary(kv => kv.Key, kv => kv.Value is ReadOnlyMemory<char> m ? m.ToString() : (object?)kv.Value);
                // Null cells are left out of an untyped row; a column of the file's schema is null, not missing.
                foreach (var c in columns) r.TryAdd(c, null);
                r["jaar"] = jaar;
                rows.Add(Map(path, map, r, src));
            }
        }
        return rows;
    }

    private static (Datasets.DatasetDeclaration Declaration, TableDefinition Table) Declared(string table) =>
        Datasets.DatasetCatalog.ForTable(table) is { } found
            ? (found.Dataset, found.Table.Schema.Table)
            : throw new InvalidOperationException($"Silver table '{table}' is not declared in DatasetCatalog.");

    private async IAsyncEnumerable<LakePath> FilesAsync(TableDefinition table, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var e in lake.ListAsync(table.Folder, ct))
            if (e.Path.Value.EndsWith(".parquet", StringComparison.Ordinal)) yield return e.Path;
    }

    /// <summary>Where a file's rows came from: the raw file its <c>raw_sha256</c> metadata names, and when that was fetched.</summary>
    private async Task<SilverSource> SourceAsync(Datasets.DatasetDeclaration d, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct)
    {
        var sha = metadata?.GetValueOrDefault("raw_sha256") ?? "";
        return new SilverSource(d.Bron, d.Dataset, sha, await RawDateAsync(d.Bron, d.Dataset, sha, ct));
    }

    /// <summary>One row through its formula; a value of the wrong kind is an error naming the file.</summary>
    private T Map<T>(LakePath file, Func<IReadOnlyDictionary<string, object?>, SilverSource, T> map, IReadOnlyDictionary<string, object?> row,
        SilverSource src)
    {
        try { return map(row, src); }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or KeyNotFoundException or OverflowException)
        {
            throw new InvalidDataException($"{file} in {lake.Location}: {ex.Message}", ex);
        }
    }

    /// <summary>The retrieval date is the date folder of <c>raw/{bron}/{dataset}/{yyyy-MM-dd}/{sha256}.{ext}</c>.</summary>
    private async Task<DateOnly?> RawDateAsync(string bron, string dataset, string sha, CancellationToken ct)
    {
        if (sha.Length == 0) return null;
        var key = $"{bron}/{dataset}";
        if (!_rawDates.TryGetValue(key, out var map))
        {
            map = new Dictionary<string, DateOnly>(StringComparer.OrdinalIgnoreCase);
            await foreach (var e in lake.ListAsync($"{LakeZones.Raw}/{bron}/{dataset}/", ct))
            {
                var parts = e.Path.Value.Split('/');
                if (parts.Length != 5 || e.Path.FileName.EndsWith(".json", StringComparison.Ordinal)) continue;
                if (!DateOnly.TryParseExact(parts[3], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) continue;
                var fileSha = parts[4].Split('.')[0];
                if (!map.TryGetValue(fileSha, out var seen) || d < seen) map[fileSha] = d; // first fetched
            }
            _rawDates[key] = map;
        }
        return map.TryGetValue(sha, out var date) ? date : null;
    }

    private static object? Get(IReadOnlyDictionary<string, object?> r, string column) =>
        r.TryGetValue(column, out var v) ? v : throw new KeyNotFoundException($"column '{column}' is missing");

    private static string Str(IReadOnlyDictionary<string, object?> r, string c) => Convert.ToString(Get(r, c), CultureInfo.InvariantCulture)?.Trim() ?? "";
    private static int Int(IReadOnlyDictionary<string, object?> r, string c) => IntOrNull(r, c) ?? throw new FormatException($"column '{c}' is null");
    private static int? IntOrNull(IReadOnlyDictionary<string, object?> r, string c) =>
        Get(r, c) is { } v ? Convert.ToInt32(v, CultureInfo.InvariantCulture) : null;
    private static double? DoubleOrNull(IReadOnlyDictionary<string, object?> r, string c) =>
        Get(r, c) is { } v ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : null;
    private static bool Bool(IReadOnlyDictionary<string, object?> r, string c) => Get(r, c) is { } v && Convert.ToBoolean(v, CultureInfo.InvariantCulture);
}
