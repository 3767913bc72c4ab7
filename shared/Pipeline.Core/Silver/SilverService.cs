using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Pipeline.Core.Datasets;
using Pipeline.Core.Lake;
using Pipeline.Core.Lake.Tables;
using Pipeline.Core.Runs;

namespace Pipeline.Core.Silver;

public sealed record SilverOptions
{
    public const int DefaultMemoryBudgetMB = 256;
    public const int MinimumMemoryBudgetMB = 64;

    public BadRowPolicy BadRows { get; init; } = BadRowPolicy.Default;
    public TableWriterOptions Writer { get; init; } = ForBudget(DefaultMemoryBudgetMB, new TableWriterOptions());

    /// <summary>Key fingerprints held in memory before the rest are spilled to local disk (8 bytes each, plus slack).</summary>
    public int KeyFingerprintsInMemory { get; init; } = KeyFingerprintsFor(DefaultMemoryBudgetMB);

    /// <summary>
    /// <c>Silver:MaxBadRowFraction</c> (default 0.001: a file with more than 0.1 % bad rows is rejected whole),
    /// <c>Silver:RowGroupSize</c> (default 100,000), <c>Silver:StagingDirectory</c> (default the temp folder) and
    /// <c>Silver:MemoryBudgetMB</c> (default 256: what the whole process may use while normalising; the row-group byte
    /// budget, the encoder queue, the in-memory key fingerprints and the heap limit are sized from it).
    /// </summary>
    public static SilverOptions FromConfiguration(Microsoft.Extensions.Configuration.IConfiguration config)
    {
        var section = config.GetSection("Silver");
        var defaults = new SilverOptions();
        var fraction = Read(section, "MaxBadRowFraction", defaults.BadRows.MaxBadRowFraction);
        if (fraction is < 0 or > 1) throw new InvalidOperationException($"Silver:MaxBadRowFraction must be between 0 and 1, not {fraction}.");
        var rowGroup = (int)Read(section, "RowGroupSize", defaults.Writer.RowGroupSize);
        if (rowGroup < 1) throw new InvalidOperationException($"Silver:RowGroupSize must be at least 1, not {rowGroup}.");
        var budget = Read(section, "MemoryBudgetMB", DefaultMemoryBudgetMB);
        if (budget < MinimumMemoryBudgetMB || budget != Math.Floor(budget) || budget > int.MaxValue)
            throw new InvalidOperationException($"Silver:MemoryBudgetMB must be a whole number of at least {MinimumMemoryBudgetMB}, not {budget}.");
        return new SilverOptions
        {
            BadRows = defaults.BadRows with { MaxBadRowFraction = fraction },
            Writer = ForBudget((int)budget, defaults.Writer with { RowGroupSize = rowGroup, StagingDirectory = section["StagingDirectory"] }),
            KeyFingerprintsInMemory = KeyFingerprintsFor((int)budget),
        };
    }

    /// <summary>
    /// A sixty-fourth of the budget per buffered row group (4 MiB at 256): the open partitions (one per year, five for
    /// a DUO file), the one queued and those being encoded (one per core) stay small, leaving the rest to the runtime, the reader,
    /// the key set and Parquet.Net's buffers. Why not more: encoding a column chunk allocates arrays the size of the row
    /// group, which above 85 KB land on the large-object heap and are freed only by a full collection; with a
    /// thirty-second (8 MiB) that heap grew to 138 MB between full collections, the 525,000-row instroom table peaked at
    /// 222 MB (173 MB now) and a real-size refresh at 284 MB (238 MB now). Why not less: every row group adds to the
    /// footer held until the file completes; at a hundred-and-twenty-eighth a 2 GB file peaked at 272 MB (223 MB now).
    /// </summary>
    public static TableWriterOptions ForBudget(int budgetMB, TableWriterOptions writer) => writer with
    {
        RowGroupBytes = (long)budgetMB * (1 << 20) / 64, EncodeQueue = 1,
        // Three eighths for the managed heap: the runtime, native libraries and the collector's own slack take the rest
        // (at half, a 2 GB file peaked at 275 MB: the live set grows with the row groups' footers, the slack on top).
        HeapLimitBytes = (long)budgetMB * (1 << 20) * 3 / 8,
    };

    /// <summary>A sixteenth of the budget for the in-memory key set (open addressing, at most 70 % full).</summary>
    public static int KeyFingerprintsFor(int budgetMB) =>
        (int)Math.Min(int.MaxValue / 2, (long)budgetMB * (1 << 20) / 16 / sizeof(ulong) * 7 / 10);

    private static double Read(Microsoft.Extensions.Configuration.IConfigurationSection section, string key, double fallback) =>
        section[key] is not { Length: > 0 } text ? fallback
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v
        : throw new InvalidOperationException($"Silver:{key} '{text}' is not a number.");
}

/// <summary>
/// Raw file → silver table. The file stands for its table's inputs (<see cref="SilverInputs"/>): the current resources
/// of a package together, or the file alone. Streams every input through the table's mapping into staged Parquet
/// partitions (each partition from one input), checks the result, and only then publishes: drift, too many bad rows,
/// two inputs for one year or a failed error-level check leave the previous table current (a drifted input is
/// quarantined). The same inputs again produce the same partitions (replaced, never appended).
/// </summary>
/// <param name="progress">Rows read so far, throttled (<see cref="RowProgress"/>), for someone watching.</param>
public sealed class SilverService(SilverOptions? options = null, IRunProgress? progress = null)
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

        var (set, skip) = await SilverInputs.ResolveAsync(lake, raw, ct);
        if (set is null)
            return new SilverResult { RawFile = rawFile, RawSha256 = raw.Sha256, Dataset = raw.Dataset, Status = StageStatuses.Unchanged, Message = skip };
        var schema = set.Table.Schema;

        var state = await SilverState.ReadAsync(lake, schema.TableName, ct);
        // The files of one package land one by one (each fires the blob trigger); the first build after the last of
        // them makes the table current, and the later triggers find nothing to do.
        if (set.FromPointer && state is not null && state.InputShas.SetEquals(set.Inputs.Select(i => i.Raw.Sha256)))
            return new SilverResult
            {
                RawFile = rawFile, RawSha256 = raw.Sha256, Dataset = raw.Dataset, Table = schema.TableName, Status = StageStatuses.Unchanged,
                Message = $"{schema.TableName} is already built from the {set.Inputs.Count} current resource file(s) of {set.Dataset.Label} (run {state.RunId}).",
            };
        // A replayed trigger for a superseded file must not roll data back; a file the pointer names (a revert, an
        // earlier upload that never reached silver) is current whatever its date.
        if (!set.FromPointer && !set.Current && state is not null && raw.Fetched < state.RawFetched)
            return new SilverResult
            {
                RawFile = rawFile, RawSha256 = raw.Sha256, Dataset = raw.Dataset, Table = schema.TableName, Status = StageStatuses.Unchanged,
                Message = $"{rawFile} (fetched {raw.Fetched:yyyy-MM-dd}) is older than the current source of {schema.TableName} ({state.Raw}, fetched {state.RawFetched:yyyy-MM-dd}); kept the current table.",
            };

        var loads = new List<Load>();
        var warnings = new List<string>();
        TableChecks? checks = null;
        var current = set.Inputs[0];
        var rows = new RowProgress(progress ?? NoRunProgress.Instance, "silver", raw.Dataset);
        try
        {
            foreach (var input in set.Inputs)
            {
                current = input;
                var (provisional, sidecarWarning) = await input.Raw.ProvisionalYearAsync(lake, ct);
                if (sidecarWarning is not null) warnings.Add(sidecarWarning);
                var load = await LoadAsync(lake, set, input, state, provisional, runId, c => checks ??= new TableChecks(c, _options.KeyFingerprintsInMemory), rows, ct);
                loads.Add(load);
                schema = load.Schema;
            }
            rows.Report();
            return await FinishAsync(lake, raw, set, schema, loads, checks!, runId, warnings, ct);
        }
        catch (SchemaDriftException e)
        {
            var q = await QuarantineAsync(lake, current.Raw, e.Message, runId, ct, e.Column);
            return Result(raw, set, schema, loads) with
            {
                Message = $"Schema drift in {current.Describe()}: the raw file is in {q}; {schema.TableName} is unchanged.",
                Errors = [e.Message], Warnings = warnings, Quarantined = q,
            };
        }
        finally
        {
            // Staged partition files are temp files: gone whether the load was published or abandoned.
            foreach (var load in loads) await load.Writer.DisposeAsync();
            checks?.Dispose();
        }
    }

    /// <summary>Reads one input into its own staged writer; the checks are shared by every input of the table.</summary>
    private async Task<Load> LoadAsync(ILakeStore lake, SilverInputSet set, SilverInput input, SilverState? state, int? provisional,
        string runId, Func<DatasetSchema, TableChecks> checksFor, RowProgress rows, CancellationToken ct)
    {
        var raw = input.Raw;
        var file = raw.Path.Value;
        var schema = set.Table.Schema;
        var metadata = new Dictionary<string, string>
        {
            ["schema_version"] = schema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["raw_sha256"] = raw.Sha256, ["run_id"] = runId, ["raw_file"] = file, ["dataset"] = raw.Dataset,
        };
        if (input.Resource is not null) metadata["resource"] = input.Resource;
        await using var content = await lake.OpenReadAsync(raw.Path, ct);
        if (schema.Format == SourceFormat.CbsJson)
        {
            using var cbs = await CbsRawJson.ParseAsync(content, file, ct);
            var shape = CbsNormaliser.Shape(schema, cbs, file);
            PinnedColumns(file, state, shape.Schema);
            var load = new Load(input, shape.Schema, checksFor(shape.Schema), new TableWriter(shape.Schema.Table, metadata, _options.Writer), _options.BadRows)
            {
                ReadAs = "CBS OData v3 JSON", ColumnNotes = shape.ColumnNotes(),
            };
            try
            {
                foreach (var record in cbs.Records())
                {
                    await load.RecordAsync(record.Position + 1, buffer => CbsNormaliser.Map(shape, cbs, record, buffer), ct);
                    rows.Add();
                }
                await load.CompleteAsync(ct);
            }
            catch { await load.AbandonAsync(); throw; }
            return load;
        }

        await using IRecordSource source = raw.Extension == "xlsx"
            ? await XlsxRecordSource.OpenAsync(content, file, ct)
            : await CsvRecordSource.OpenAsync(content, file, ct);
        var bind = set.Table.Bind ?? throw new SchemaDriftException(file, null, $"table {schema.TableName} has no row mapping for a tabular file");
        var mapper = bind(new RowContext(file, source.Header, provisional, input.Jaar));
        var tabular = new Load(input, schema, checksFor(schema), new TableWriter(schema.Table, metadata, _options.Writer), _options.BadRows)
        {
            ReadAs = source.Description,
        };
        try
        {
            var width = source.Header.Count;
            while (await source.ReadAsync(ct))
            {
                await tabular.RecordAsync(source.Line, buffer =>
                {
                    if (source.FieldCount != width)
                        throw new BadValueException("(row)", null, $"the row has {source.FieldCount} fields, the header {width}");
                    mapper(source, buffer);
                }, ct);
                rows.Add();
            }
            await tabular.CompleteAsync(ct);
        }
        catch { await tabular.AbandonAsync(); throw; }
        return tabular;
    }

    private static SilverResult Result(RawFile raw, SilverInputSet set, DatasetSchema schema, IReadOnlyList<Load> loads) => new()
    {
        RawFile = raw.Path, RawSha256 = raw.Sha256, Dataset = raw.Dataset, Table = schema.TableName, Status = StageStatuses.Failed,
        Inputs = set.Inputs.Select(i => new RunFile(i.Raw.Path.Value, i.Raw.Sha256, loads.FirstOrDefault(l => l.Input == i)?.SourceRows)).ToList(),
        RowsIn = loads.Sum(l => l.SourceRows), RowsRejected = loads.Sum(l => l.Rejected), Issues = loads.SelectMany(l => l.Issues).ToList(),
    };

    /// <summary>Keeps a raw file silver refused (<see cref="Quarantine.SilverPath"/>) with its reason.</summary>
    private static Task<LakePath> QuarantineAsync(ILakeStore lake, RawFile raw, string reason, string runId, CancellationToken ct, string? column = null) =>
        new Quarantine(lake).KeepCopyAsync(raw.Path, Quarantine.SilverPath(raw.Dataset, raw.Sha256, raw.Extension), new QuarantineReason
        {
            Stage = "silver", Dataset = $"{raw.Bron}/{raw.Dataset}", Source = raw.Path.Value, Column = column, Reason = reason, RunId = runId,
        }, ct);

    private async Task<SilverResult> FinishAsync(ILakeStore lake, RawFile raw, SilverInputSet set, DatasetSchema schema, List<Load> loads,
        TableChecks tableChecks, string runId, List<string> warnings, CancellationToken ct)
    {
        var result = Result(raw, set, schema, loads) with { Warnings = warnings };
        // A header without rows is a broken publication, not an empty year: the previous table stays (an upload that
        // adds up with others only warns; its companions still load).
        foreach (var load in loads.Where(l => l.SourceRows == 0))
        {
            var empty = $"{load.Input.Raw.Path}: the file has a header but no data rows";
            if (load.Input.Raw.Bron is "duo" or "cbs" || set.Inputs.Count == 1)
            {
                var q = await QuarantineAsync(lake, load.Input.Raw, empty, runId, ct);
                return result with { Errors = [empty], Quarantined = q, Message = $"Rejected: the raw file is in {q}; {schema.TableName} is unchanged." };
            }
            warnings.Add(empty);
        }
        foreach (var load in loads.Where(l => _options.BadRows.RejectsFile(l.Rejected, l.SourceRows)))
        {
            var reason = $"{load.Input.Raw.Path}: {load.Rejected} of {load.SourceRows} rows ({100.0 * load.Rejected / load.SourceRows:0.##} %) have bad values, "
                + $"more than the {100 * _options.BadRows.MaxBadRowFraction:0.###} % allowed; the whole file is rejected. First: "
                + string.Join("; ", load.Issues.Take(10));
            var q = await QuarantineAsync(lake, load.Input.Raw, reason + "\n\nAll recorded issues:\n" + string.Join("\n", load.Issues), runId, ct);
            return result with { Errors = [reason], Quarantined = q, Message = $"Rejected: the raw file is in {q}; {schema.TableName} is unchanged." };
        }

        var clashes = loads.SelectMany(l => l.Writer.PartitionRows.Keys.Select(k => (Jaar: k, Load: l)))
            .GroupBy(x => x.Jaar).Where(g => g.Count() > 1).ToList();
        if (clashes.Count > 0)
        {
            var errors = clashes.Select(g => $"{schema.TableName}: jaar {g.Key} comes from {g.Count()} raw files, expected one: "
                + string.Join(", ", g.Select(x => x.Load.Input.Describe()))).ToList();
            return result with { Errors = errors, Message = $"Two inputs for one year: {schema.TableName} is unchanged." };
        }

        var rowsIn = loads.Sum(l => l.SourceRows);
        var rowsOut = loads.Sum(l => l.Writer.Rows);
        var rejected = loads.Sum(l => l.Rejected);
        var checks = tableChecks.Complete(rowsIn, loads.Sum(l => l.Accepted), rejected, rowsOut);
        result = result with { Checks = checks };
        var failed = checks.Where(c => !c.Passed && c.Level == CheckLevels.Error).ToList();
        if (failed.Count > 0)
        {
            var errors = failed.Select(c => $"{string.Join(", ", set.Inputs.Select(i => i.Raw.Path))}: check {c.Check}{(c.Column is null ? "" : $" on {c.Column}")} failed: {c.Detail}").ToList();
            if (set.Inputs.Count > 1)
                return result with { Errors = errors, Message = $"Quality checks failed over {set.Inputs.Count} inputs: {schema.TableName} is unchanged." };
            var q = await QuarantineAsync(lake, raw, string.Join("\n", errors), runId, ct);
            return result with { Errors = errors, Quarantined = q, Message = $"Quality checks failed: the raw file is in {q}; {schema.TableName} is unchanged." };
        }

        // Everything checked: publish partitions (each replaced atomically), then the rejects, checks and state.
        var outputs = new List<RunFile>();
        foreach (var load in loads) outputs.AddRange(await load.Writer.PublishAsync(lake, ct));
        foreach (var load in loads.Where(l => l.Rejected > 0))
        {
            await using var rejects = new TableWriter(schema.RejectsTable, new Dictionary<string, string>
            {
                ["schema_version"] = schema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["raw_sha256"] = load.Input.Raw.Sha256, ["run_id"] = runId, ["raw_file"] = load.Input.Raw.Path.Value, ["dataset"] = raw.Dataset,
            }, _options.Writer, fileName: load.Input.Raw.Sha256);
            await rejects.AddRangeAsync(load.Issues.Select(i => RejectRows.Row(load.Input.Raw.Path, i)), ct);
            outputs.AddRange(await rejects.PublishAsync(lake, ct));
        }
        var folder = schema.Table.Folder;
        var partitions = loads.SelectMany(l => l.Writer.PartitionRows.Keys).Order().ToList();
        if (set.FromPointer) await DropPartitionsOutsideAsync(lake, schema, partitions, ct);
        var newest = set.Inputs.MaxBy(i => (i.Raw.Fetched, i.Raw == raw))!.Raw;
        outputs.Add(await WriteJsonAsync(lake, LakePath.Parse(folder + "_checks.json"), new
        {
            table = schema.TableName, schema_version = schema.Version, raw_file = newest.Path.Value, raw_sha256 = newest.Sha256, run_id = runId,
            raw_files = set.Inputs.Select(i => i.Raw.Path.Value).ToList(),
            rows_in = rowsIn, rows_rejected = rejected, rows_out = rowsOut, checks,
        }, ct));
        if (loads.Select(l => l.ColumnNotes).FirstOrDefault(n => n is not null) is { } columnNotes)
            outputs.Add(await WriteJsonAsync(lake, LakePath.Parse(folder + "_columns.json"), new { table = schema.TableName, columns = columnNotes }, ct));
        var previous = await SilverState.ReadAsync(lake, schema.TableName, ct);
        if (set.Accumulates && previous is not null) partitions = [.. previous.Partitions.Union(partitions).Order()];
        await new SilverState
        {
            Table = schema.TableName, SchemaVersion = schema.Version, Raw = newest.Path.Value, RawSha256 = newest.Sha256, RawFetched = newest.Fetched,
            RunId = runId, Partitions = partitions, Columns = schema.Columns.Select(c => c.Name).ToList(),
            Inputs = StateInputs(set, previous),
        }.WriteAsync(lake, ct);

        var rejectedNote = rejected > 0 ? $" {rejected} bad row(s) in {schema.RejectsTable.Folder}." : "";
        var readAs = string.Join(", ", loads.Select(l => l.ReadAs).Distinct());
        var from = set.Inputs.Count == 1 ? "" : $" from {set.Inputs.Count} resources";
        return result with
        {
            Status = StageStatuses.Succeeded, RowsOut = rowsOut, Outputs = outputs,
            Message = $"Read as {readAs}: {rowsIn} source rows{from} → {rowsOut} rows in {schema.TableName} (jaar {string.Join(", ", partitions)}).{rejectedNote}",
        };
    }

    /// <summary>
    /// The inputs the table now stands for: the set's, and for accumulating uploads also every upload loaded before
    /// (each replaced only the years it holds), so that each accepted upload stays accounted for.
    /// </summary>
    private static List<SilverStateInput> StateInputs(SilverInputSet set, SilverState? previous)
    {
        var now = set.Inputs.Select(i => new SilverStateInput(i.Raw.Path.Value, i.Raw.Sha256, i.Resource, i.Jaar)).ToList();
        if (!set.Accumulates || previous is null) return now;
        var shas = now.Select(i => i.Sha256).ToHashSet(StringComparer.Ordinal);
        return [.. previous.Inputs.Where(i => !shas.Contains(i.Sha256)), .. now];
    }

    /// <summary>
    /// A table built from a package's current resources is exactly those resources: a year no current resource gives
    /// any more (the operator narrowed the rule) is removed. Resources that left the listing stay current, so their
    /// years are kept.
    /// </summary>
    private static async Task DropPartitionsOutsideAsync(ILakeStore lake, DatasetSchema schema, IReadOnlyList<int> partitions, CancellationToken ct)
    {
        var keep = partitions.Select(p => schema.Table.PartitionFile(p).Value).ToHashSet(StringComparer.Ordinal);
        var stale = new List<LakePath>();
        await foreach (var e in lake.ListAsync(schema.Table.Folder + "jaar=", ct))
            if (!keep.Contains(e.Path.Value)) stale.Add(e.Path);
        foreach (var path in stale) await lake.DeleteAsync(path, ct);
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

    /// <summary>
    /// The running figures of one input: source rows, bad rows (with details up to a cap), its writer. Records are read
    /// and mapped on the caller's thread; the mapped rows are checked and written on a second one (<see cref="RowHandoff"/>).
    /// </summary>
    private sealed class Load
    {
        private readonly List<RowIssue> _issues = [];
        private readonly BadRowPolicy _policy;
        private readonly RowHandoff _handoff;

        public Load(SilverInput input, DatasetSchema schema, TableChecks checks, TableWriter writer, BadRowPolicy policy)
        {
            (Input, Schema, Writer, _policy) = (input, schema, writer, policy);
            _handoff = new RowHandoff(async (rows, ct) =>
            {
                for (var i = 0; i < rows.Count; i++)
                    if (checks.Observe(rows[i]))
                        await writer.AddAsync(rows[i], ct);
            });
        }

        public SilverInput Input { get; }
        public DatasetSchema Schema { get; }
        public TableWriter Writer { get; }
        public required string ReadAs { get; init; }
        public object? ColumnNotes { get; init; }
        public long SourceRows { get; private set; }
        public long Accepted { get; private set; }
        public long Rejected { get; private set; }
        public IReadOnlyList<RowIssue> Issues => _issues;

        public ValueTask RecordAsync(long line, Action<RowBatch> map, CancellationToken ct)
        {
            SourceRows++;
            var rows = _handoff.Current;
            var before = rows.Count;
            try
            {
                map(rows);
            }
            catch (BadValueException e)
            {
                rows.Truncate(before);
                Rejected++;
                if (_issues.Count < _policy.MaxRecordedIssues) _issues.Add(new RowIssue(line, e.Column, e.Value, e.Reason));
                return ValueTask.CompletedTask;
            }
            Accepted++;
            return _handoff.RecordDoneAsync(ct);
        }

        /// <summary>Waits until every row read is checked and written; the writer's figures are final after it.</summary>
        public Task CompleteAsync(CancellationToken ct) => _handoff.CompleteAsync(ct);

        /// <summary>Error path: stops the second thread before the writer is disposed under it.</summary>
        public async Task AbandonAsync()
        {
            await _handoff.AbandonAsync();
            await Writer.DisposeAsync();
        }
    }
}
