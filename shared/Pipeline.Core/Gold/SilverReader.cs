using Pipeline.Core.Tables;
using System.Globalization;
using Pipeline.Core.Lake;
using Parquet;
using Parquet.Serialization;
using Pipeline.Core.Lake.Tables;

namespace Pipeline.Core.Gold;

/// <summary>
/// Reads the silver tables gold needs and folds them by column name into what the formulas take (<see cref="SilverTotals"/>).
/// The DUO and JOB tables are read typed, row group by row group, through <see cref="TableFileReader"/> with the schema
/// silver wrote them with (one Parquet path, no row held longer than its row group). A CBS table is read untyped
/// (Parquet.Net directly; a few thousand rows): its columns follow the CBS metadata of its raw file, and gold must see
/// every dimension to warn about one it has no code for. Each file's
/// <c>raw_sha256</c> metadata and the raw file's fetch date give every row its source. The gold tables go through
/// <see cref="Tables.GoldTableStore"/>.
/// </summary>
public sealed class SilverReader(ILakeStore lake)
{
    private readonly Dictionary<string, Dictionary<string, DateOnly>> _rawDates = new();

    /// <summary>
    /// Folds every silver table gold needs into <see cref="SilverTotals"/>: the typed tables row group by row group, so
    /// gold's memory follows the number of institutions and years, not the rows (students before diplomas: the first
    /// name read wins within a year).
    /// </summary>
    public async Task<SilverTotals> ReadTotalsAsync(CancellationToken ct = default)
    {
        var totals = new SilverTotals();
        await FoldCountsAsync("mbo_studenten_per_instelling", named: true, totals.AddStudenten, ct);
        await FoldCountsAsync("gediplomeerde_mbo_studenten", named: true, totals.AddGediplomeerden, ct);
        await FoldCountsAsync("instromende_mbo_studenten", named: false,
            (jaar, code, _, leerweg, cell, voorlopig, src) => totals.AddInstroom(jaar, code, leerweg, cell, voorlopig, src), ct);
        await FoldAsync("job_monitor", ["instellingscode", "thema", "vraag", "respondenten", "percentage_positief", "rapportcijfer"],
            (g, src) =>
            {
                var (jaar, code, thema, vraag) = (g.Ints("jaar"), g.Strings("instellingscode"), g.Strings("thema"), g.Strings("vraag"));
                var (respondenten, positief, cijfer) = (g.Ints("respondenten"), g.Doubles("percentage_positief"), g.Doubles("rapportcijfer"));
                for (var r = 0; r < g.RowCount; r++)
                    totals.Add(new JobMonitorRow(Required(jaar[r], "jaar"), Text(code[r]), Text(thema[r]), Text(vraag[r]), respondenten[r],
                        positief[r], cijfer[r], src));
            }, ct);
        foreach (var row in await ReadAsync("cbs_85368ned", (r, src) => new CbsRow(
                     Int(r, "jaar"), Str(r, "periode_type"), Str(r, "periode"),
                     r.Where(kv => kv.Key is not ("jaar" or "periode_type" or "periode") && kv.Value is string or null && kv.Value is not null)
                         .ToDictionary(kv => kv.Key, kv => ((string)kv.Value!).Trim()),
                     r.Where(kv => kv.Value is double or float or decimal || (kv.Value is null && kv.Key != "periode"))
                         .ToDictionary(kv => kv.Key, kv => kv.Value is null ? (double?)null : Convert.ToDouble(kv.Value, CultureInfo.InvariantCulture)),
                     src), ct))
            totals.Add(row);
        return totals;
    }

    private delegate void CountRowSink(int jaar, string instellingscode, string instellingsnaam, string leerweg, Cell cell, bool voorlopig,
        SilverSource bron);

    /// <summary>A count table's rows, one by one, with only the columns the indicators need (no name when not <paramref name="named"/>).</summary>
    private Task FoldCountsAsync(string table, bool named, CountRowSink add, CancellationToken ct) =>
        FoldAsync(table, ["instellingscode", "leerweg", "aantal", "onderdrukt", "voorlopig", .. named ? new[] { "instellingsnaam" } : []],
            (g, src) =>
            {
                var (jaar, code, leerweg) = (g.Ints("jaar"), g.Strings("instellingscode"), g.Strings("leerweg"));
                var naam = named ? g.Strings("instellingsnaam") : null;
                var (aantal, onderdrukt, voorlopig) = (g.Ints("aantal"), g.Bools("onderdrukt"), g.Bools("voorlopig"));
                for (var r = 0; r < g.RowCount; r++)
                    add(Required(jaar[r], "jaar"), Text(code[r]), naam is null ? "" : Text(naam[r]), Text(leerweg[r]),
                        new Cell(aantal[r], onderdrukt[r] ?? false), voorlopig[r] ?? false, src);
            }, ct);

    /// <summary>
    /// Every file of a declared silver table, row group by row group with the file's source, reading only
    /// <paramref name="columns"/> (and the partition); a missing table is empty. A value of the wrong kind is an
    /// error naming the file.
    /// </summary>
    private async Task FoldAsync(string table, string[] columns, Action<TableRowGroup, SilverSource> fold, CancellationToken ct)
    {
        var (declaration, definition) = Declared(table);
        await foreach (var path in FilesAsync(definition, ct))
        {
            await using var file = await TableFileReader.OpenAsync(lake, definition, path, ct);
            var src = await SourceAsync(declaration, file.Metadata, ct);
            await foreach (var group in file.ReadRowGroupsAsync(columns, ct))
            {
                try { fold(group, src); }
                catch (Exception ex) when (ex is InvalidCastException or FormatException or KeyNotFoundException or OverflowException)
                {
                    throw new InvalidDataException($"{path} in {lake.Location}: {ex.Message}", ex);
                }
            }
        }
    }

    private static string Text(string? cell) => cell?.Trim() ?? "";
    private static int Required(int? cell, string column) => cell ?? throw new FormatException($"column '{column}' is null");

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
}
