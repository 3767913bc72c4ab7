using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Pipeline.Core.Lake;
using Pipeline.Core.Lake.Tables;
using Pipeline.Core.Runs;

namespace Pipeline.Core.Silver;

public sealed record SilverOptions
{
    public BadRowPolicy BadRows { get; init; } = BadRowPolicy.Default;
    public TableWriterOptions Writer { get; init; } = new();

    /// <summary>
    /// <c>Silver:MaxBadRowFraction</c> (default 0.001: a file with more than 0.1 % bad rows is rejected whole),
    /// <c>Silver:RowGroupSize</c> (default 100,000) and <c>Silver:StagingDirectory</c> (default the temp folder).
    /// </summary>
    public static SilverOptions FromConfiguration(Microsoft.Extensions.Configuration.IConfiguration config)
    {
        var section = config.GetSection("Silver");
        var defaults = new SilverOptions();
        var fraction = Read(section, "MaxBadRowFraction", defaults.BadRows.MaxBadRowFraction);
        if (fraction is < 0 or > 1) throw new InvalidOperationException($"Silver:MaxBadRowFraction must be between 0 and 1, not {fraction}.");
        var rowGroup = (int)Read(section, "RowGroupSize", defaults.Writer.RowGroupSize);
        if (rowGroup < 1) throw new InvalidOperationException($"Silver:RowGroupSize must be at least 1, not {rowGroup}.");
        return new SilverOptions
        {
            BadRows = defaults.BadRows with { MaxBadRowFraction = fraction },
            Writer = defaults.Writer with { RowGroupSize = rowGroup, StagingDirectory = section["StagingDirectory"] },
        };
    }

    private static double Read(Microsoft.Extensions.Configuration.IConfigurationSection section, string key, double fallback) =>
        section[key] is not { Length: > 0 } text ? fallback
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v
        : throw new InvalidOperationException($"Silver:{key} '{text}' is not a number.");
}

/// <summary>
/// Raw file → silver table. Streams the file through its dataset's mapping into staged Parquet partitions, checks the
/// result, and only then publishes: drift, too many bad rows or a failed error-level check quarantine the raw file
/// and leave the previous table current. The same raw file again produces the same partitions (replaced, never
/// appended); a newer raw file replaces the partitions it contains.
/// </summary>
public sealed class SilverService(SilverOptions? options = null)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly SilverOptions _options = options ?? new SilverOptions();

    /// <summary>Normalises <paramref name="rawFile"/> and returns a stage record for the run manifest.</summary>
    public async Task<StageRecord> NormaliseStageAsync(ILakeStore lake, LakePath rawFile, string runId, CancellationToken ct = default)
    {
        var started = DateTimeOffset.UtcNow;
        var sw = Stopwatch.StartNew();
        var result = await NormaliseAsync(lake, rawFile, runId, ct);
        return result.ToStageRecord(started, sw.Elapsed);
    }

    public async Task<SilverResult> NormaliseAsync(ILakeStore lake, LakePath rawFile, string runId, CancellationToken ct = default)
    {
        if (RawFile.IsSidecar(rawFile))
            return new SilverResult { RawFile = rawFile, Status = StageStatuses.Unchanged, Message = "A sidecar, not a data file: nothing to normalise." };
        RawFile raw;
        try { raw = RawFile.Parse(rawFile); }
        catch (ArgumentException e) { return new SilverResult { RawFile = rawFile, Status = StageStatuses.Failed, Errors = [e.Message] }; }

        var schema = SilverSchemas.ForDataset(raw.Dataset);
        if (schema is null)
            return new SilverResult
            {
                RawFile = rawFile, RawSha256 = raw.Sha256, Dataset = raw.Dataset, Status = StageStatuses.Unchanged,
                Message = $"Dataset '{raw.Dataset}' has no silver table (read directly by a later stage, if at all).",
            };

        var state = await SilverState.ReadAsync(lake, schema.TableName, ct);
        if (state is not null && raw.Fetched < state.RawFetched)
            return new SilverResult
            {
                RawFile = rawFile, RawSha256 = raw.Sha256, Dataset = raw.Dataset, Table = schema.TableName, Status = StageStatuses.Unchanged,
                Message = $"{rawFile} (fetched {raw.Fetched:yyyy-MM-dd}) is older than the current source of {schema.TableName} ({state.Raw}, fetched {state.RawFetched:yyyy-MM-dd}); kept the current table.",
            };

        var (provisional, sidecarWarning) = await raw.ProvisionalYearAsync(lake, ct);
        var warnings = sidecarWarning is null ? new List<string>() : [sidecarWarning];
        try
        {
            return await LoadAsync(lake, raw, schema, state, provisional, runId, warnings, ct);
        }
        catch (SchemaDriftException e)
        {
            var q = await Quarantine.PutAsync(lake, raw, e.Message, runId, ct);
            return new SilverResult
            {
                RawFile = rawFile, RawSha256 = raw.Sha256, Dataset = raw.Dataset, Table = schema.TableName, Status = StageStatuses.Failed,
                Message = $"Schema drift: the raw file is in {q}; {schema.TableName} is unchanged.",
                Errors = [e.Message], Warnings = warnings, Quarantined = q,
            };
        }
    }

    private async Task<SilverResult> LoadAsync(ILakeStore lake, RawFile raw, DatasetSchema schema, SilverState? state, int? provisional,
        string runId, List<string> warnings, CancellationToken ct)
    {
        var file = raw.Path.Value;
        var metadata = new Dictionary<string, string>
        {
            ["schema_version"] = schema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["raw_sha256"] = raw.Sha256, ["run_id"] = runId, ["raw_file"] = file, ["dataset"] = raw.Dataset,
        };
        await using var content = await lake.OpenReadAsync(raw.Path, ct);
        Load? load = null;
        object? columnNotes = null;
        var readAs = "CBS OData v3 JSON";
        try
        {
            if (schema.Format == SourceFormat.CbsJson)
            {
                using var cbs = await CbsRawJson.ParseAsync(content, file, ct);
                var shape = CbsNormaliser.Shape(schema, cbs, file);
                schema = shape.Schema;
                PinnedColumns(file, state, schema);
                columnNotes = shape.ColumnNotes();
                load = new Load(schema, new TableWriter(schema.Table, metadata, _options.Writer), _options.BadRows);
                foreach (var record in cbs.Records())
                    await load.RecordAsync(record.Position + 1, buffer => CbsNormaliser.Map(shape, cbs, record, buffer), ct);
            }
            else
            {
                await using IRecordSource source = raw.Extension == "xlsx"
                    ? await XlsxRecordSource.OpenAsync(content, file, ct)
                    : await CsvRecordSource.OpenAsync(content, file, ct);
                var mapper = TabularNormalisers.Bind(schema, file, source.Header, provisional);
                load = new Load(schema, new TableWriter(schema.Table, metadata, _options.Writer), _options.BadRows);
                var width = source.Header.Count;
                while (await source.ReadAsync(ct))
                    await load.RecordAsync(source.Line, buffer =>
                    {
                        if (source.FieldCount != width)
                            throw new BadValueException("(row)", null, $"the row has {source.FieldCount} fields, the header {width}");
                        mapper(source, buffer);
                    }, ct);
                readAs = source.Description;
            }

            return await FinishAsync(lake, raw, schema, load, metadata, columnNotes, readAs, runId, warnings, ct);
        }
        finally
        {
            // Staged partition files are temp files: gone whether the load was published or abandoned.
            if (load is not null)
            {
                await load.Writer.DisposeAsync();
                load.Checks.Dispose();
            }
        }
    }

    private async Task<SilverResult> FinishAsync(ILakeStore lake, RawFile raw, DatasetSchema schema, Load load,
        Dictionary<string, string> metadata, object? columnNotes, string readAs, string runId, List<string> warnings, CancellationToken ct)
    {
        var result = new SilverResult
        {
            RawFile = raw.Path, RawSha256 = raw.Sha256, Dataset = raw.Dataset, Table = schema.TableName, Status = StageStatuses.Failed,
            RowsIn = load.SourceRows, RowsRejected = load.Rejected, Issues = load.Issues, Warnings = warnings,
        };
        if (_options.BadRows.RejectsFile(load.Rejected, load.SourceRows))
        {
            var reason = $"{raw.Path}: {load.Rejected} of {load.SourceRows} rows ({100.0 * load.Rejected / load.SourceRows:0.##} %) have bad values, "
                + $"more than the {100 * _options.BadRows.MaxBadRowFraction:0.###} % allowed; the whole file is rejected. First: "
                + string.Join("; ", load.Issues.Take(10));
            var q = await Quarantine.PutAsync(lake, raw, reason + "\n\nAll recorded issues:\n" + string.Join("\n", load.Issues), runId, ct);
            return result with { Errors = [reason], Quarantined = q, Message = $"Rejected: the raw file is in {q}; {schema.TableName} is unchanged." };
        }

        var checks = load.Checks.Complete(load.SourceRows, load.Accepted, load.Rejected, load.Writer.Rows);
        result = result with { Checks = checks };
        var failed = checks.Where(c => !c.Passed && c.Level == CheckLevels.Error).ToList();
        if (failed.Count > 0)
        {
            var errors = failed.Select(c => $"{raw.Path}: check {c.Check}{(c.Column is null ? "" : $" on {c.Column}")} failed: {c.Detail}").ToList();
            var q = await Quarantine.PutAsync(lake, raw, string.Join("\n", errors), runId, ct);
            return result with { Errors = errors, Quarantined = q, Message = $"Quality checks failed: the raw file is in {q}; {schema.TableName} is unchanged." };
        }

        // Everything checked: publish partitions (each replaced atomically), then the rejects, checks and state.
        var outputs = new List<RunFile>(await load.Writer.PublishAsync(lake, ct));
        if (load.Rejected > 0)
        {
            var rejectsTable = schema.RejectsTable;
            await using var rejects = new TableWriter(rejectsTable, metadata, _options.Writer, fileName: raw.Sha256);
            await rejects.AddRangeAsync(load.Issues.Select(i => RejectRows.Row(raw.Path, i)), ct);
            outputs.AddRange(await rejects.PublishAsync(lake, ct));
        }
        var folder = schema.Table.Folder;
        outputs.Add(await WriteJsonAsync(lake, LakePath.Parse(folder + "_checks.json"), new
        {
            table = schema.TableName, schema_version = schema.Version, raw_file = raw.Path.Value, raw_sha256 = raw.Sha256, run_id = runId,
            rows_in = load.SourceRows, rows_rejected = load.Rejected, rows_out = load.Writer.Rows, checks,
        }, ct));
        if (columnNotes is not null)
            outputs.Add(await WriteJsonAsync(lake, LakePath.Parse(folder + "_columns.json"), new { table = schema.TableName, columns = columnNotes }, ct));
        var partitions = load.Writer.PartitionRows.Keys.ToList();
        await new SilverState
        {
            Table = schema.TableName, SchemaVersion = schema.Version, Raw = raw.Path.Value, RawSha256 = raw.Sha256, RawFetched = raw.Fetched,
            RunId = runId, Partitions = partitions, Columns = schema.Columns.Select(c => c.Name).ToList(),
        }.WriteAsync(lake, ct);

        var rejectedNote = load.Rejected > 0 ? $" {load.Rejected} bad row(s) in {schema.RejectsTable.Folder}." : "";
        return result with
        {
            Status = StageStatuses.Succeeded, RowsOut = load.Writer.Rows, Outputs = outputs,
            Message = $"Read as {readAs}: {load.SourceRows} source rows → {load.Writer.Rows} rows in {schema.TableName} (jaar {string.Join(", ", partitions)}).{rejectedNote}",
        };
    }

    /// <summary>A CBS table's columns come from its metadata; once loaded they are the contract, and a change is drift.</summary>
    private static void PinnedColumns(string file, SilverState? state, DatasetSchema schema)
    {
        if (state is null || state.Columns.Count == 0) return;
        var now = schema.Columns.Select(c => c.Name).ToList();
        var missing = state.Columns.Except(now).ToList();
        var added = now.Except(state.Columns).ToList();
        if (missing.Count == 0 && added.Count == 0) return;
        throw new SchemaDriftException(file, missing.Concat(added).First(),
            $"the table's columns changed since the current load ({state.Raw}): "
            + (missing.Count > 0 ? $"missing {string.Join(", ", missing)}" : "")
            + (missing.Count > 0 && added.Count > 0 ? "; " : "")
            + (added.Count > 0 ? $"new {string.Join(", ", added)}" : ""));
    }

    private static async Task<RunFile> WriteJsonAsync(ILakeStore lake, LakePath path, object value, CancellationToken ct)
    {
        await lake.WriteJsonAsync(path, value, Json, ct);
        return new RunFile(path.Value);
    }

    /// <summary>The running figures of one load: source rows, bad rows (with details up to a cap), checks, writer.</summary>
    private sealed class Load(DatasetSchema schema, TableWriter writer, BadRowPolicy policy)
    {
        private readonly List<object?[]> _buffer = [];
        private readonly List<RowIssue> _issues = [];

        public TableWriter Writer { get; } = writer;
        public TableChecks Checks { get; } = new(schema);
        public long SourceRows { get; private set; }
        public long Accepted { get; private set; }
        public long Rejected { get; private set; }
        public IReadOnlyList<RowIssue> Issues => _issues;

        public async ValueTask RecordAsync(long line, Action<List<object?[]>> map, CancellationToken ct)
        {
            SourceRows++;
            _buffer.Clear();
            try
            {
                map(_buffer);
            }
            catch (BadValueException e)
            {
                Rejected++;
                if (_issues.Count < policy.MaxRecordedIssues) _issues.Add(new RowIssue(line, e.Column, e.Value, e.Reason));
                return;
            }
            Accepted++;
            foreach (var row in _buffer)
                if (Checks.Observe(row))
                    await Writer.AddAsync(row, ct);
        }
    }
}
