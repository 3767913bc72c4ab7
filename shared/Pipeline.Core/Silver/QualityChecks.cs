using System.Globalization;
using System.Text.Json.Serialization;
using Pipeline.Core.Lake.Tables;

namespace Pipeline.Core.Silver;

public static class CheckLevels
{
    public const string Error = "error";
    public const string Warn = "warn";
}

/// <summary>The outcome of one data-quality check (dbt-style), as written to <c>_checks.json</c>.</summary>
public sealed record CheckResult(
    [property: JsonPropertyName("check")] string Check,
    [property: JsonPropertyName("column")] string? Column,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("failures")] long Failures,
    [property: JsonPropertyName("detail")] string Detail);

/// <summary>
/// Checks every row on its way to the table: key uniqueness, not-null and accepted values, plus the row-count
/// reconciliation at the end. Rows that break not-null are held back (the writer would refuse them anyway).
/// Memory stays bounded: key fingerprints beyond a set number (sized from the memory budget) are spilled to local disk (see <see cref="FingerprintSet"/>).
/// </summary>
public sealed class TableChecks : IDisposable
{
    private const int Examples = 5;
    private readonly DatasetSchema _schema;
    private readonly int[] _key;
    private readonly (int Index, string Name)[] _notNull;
    private readonly (int Index, string Name, HashSet<string> Values)[] _accepted;
    private readonly FingerprintSet _seen;
    private readonly long[] _nullFailures;
    private readonly long[] _acceptedFailures;
    private readonly List<string>[] _acceptedExamples;
    private readonly HashSet<object>[] _acceptedBoxes;
    private readonly object?[] _lastAccepted;
    private readonly List<string> _duplicateExamples = [];
    private long _duplicates;

    /// <param name="fingerprintsInMemory">Key fingerprints kept in memory before the rest spill to disk.</param>
    public TableChecks(DatasetSchema schema, int fingerprintsInMemory = FingerprintSet.DefaultInMemoryLimit)
    {
        _schema = schema;
        _seen = new FingerprintSet(fingerprintsInMemory);
        var table = schema.Table;
        _key = schema.Key.Select(table.IndexOf).ToArray();
        _notNull = schema.NotNull.Select(c => (table.IndexOf(c), c)).ToArray();
        _accepted = schema.AcceptedValues.Select(kv => (table.IndexOf(kv.Key), kv.Key, kv.Value.ToHashSet(StringComparer.Ordinal))).ToArray();
        _nullFailures = new long[_notNull.Length];
        _acceptedFailures = new long[_accepted.Length];
        _acceptedExamples = _accepted.Select(_ => new List<string>()).ToArray();
        _acceptedBoxes = _accepted.Select(_ => new HashSet<object>()).ToArray();
        _lastAccepted = new object?[_accepted.Length];
    }

    public long RowsObserved { get; private set; }

    /// <summary>Checks one output row; false when it must not be written (a not-null column is empty).</summary>
    public bool Observe(object?[] row)
    {
        RowsObserved++;
        var writable = true;
        for (var i = 0; i < _notNull.Length; i++)
            if (row[_notNull[i].Index] is null or "") { _nullFailures[i]++; writable = false; }
        for (var i = 0; i < _accepted.Length; i++)
        {
            var v = row[_accepted[i].Index];
            // Pooled texts and shared boxes repeat row after row: the value just accepted needs no lookup.
            if (v is not null && ReferenceEquals(v, _lastAccepted[i])) continue;
            _lastAccepted[i] = null;
            if (v is string text && _accepted[i].Values.Contains(text)) { _lastAccepted[i] = v; continue; }
            if (v is not (null or string) && _acceptedBoxes[i].Contains(v)) { _lastAccepted[i] = v; continue; }
            var s = v is null ? null : Convert.ToString(v, CultureInfo.InvariantCulture);
            if (s is not null && _accepted[i].Values.Contains(s))
            {
                // Remembered so an accepted int (niveau) is not turned into a string on every row.
                if (_acceptedBoxes[i].Count < 1024) _acceptedBoxes[i].Add(v!);
            }
            else
            {
                _acceptedFailures[i]++;
                if (_acceptedExamples[i].Count < Examples && !_acceptedExamples[i].Contains(s ?? "null")) _acceptedExamples[i].Add(s ?? "null");
            }
        }
        if (!_seen.Add(Fingerprint(row)))
        {
            _duplicates++;
            if (_duplicateExamples.Count < Examples) _duplicateExamples.Add(KeyText(row));
        }
        return writable;
    }

    /// <param name="sourceRows">Data records read from the raw file.</param>
    /// <param name="acceptedRows">Of those, records that normalised.</param>
    /// <param name="rejectedRows">Of those, records rejected as bad.</param>
    /// <param name="rowsWritten">Rows the table writer received.</param>
    public IReadOnlyList<CheckResult> Complete(long sourceRows, long acceptedRows, long rejectedRows, long rowsWritten)
    {
        _duplicates += _seen.SpilledDuplicates();
        if (_duplicates > _duplicateExamples.Count && _duplicateExamples.Count == 0)
            _duplicateExamples.Add($"found among the fingerprints spilled to disk (more than {_seen.InMemoryLimit} rows), so no example key is at hand");
        var results = new List<CheckResult>
        {
            new("unique", string.Join(",", _schema.Key), CheckLevels.Error, _duplicates == 0, _duplicates,
                _duplicates == 0 ? $"{RowsObserved} rows, key unique" : $"{_duplicates} duplicate key(s), e.g. {string.Join("; ", _duplicateExamples)}"),
        };
        for (var i = 0; i < _notNull.Length; i++)
            results.Add(new("not_null", _notNull[i].Name, CheckLevels.Error, _nullFailures[i] == 0, _nullFailures[i],
                _nullFailures[i] == 0 ? "no empty values" : $"{_nullFailures[i]} empty value(s)"));
        for (var i = 0; i < _accepted.Length; i++)
            results.Add(new("accepted_values", _accepted[i].Name, CheckLevels.Error, _acceptedFailures[i] == 0, _acceptedFailures[i],
                _acceptedFailures[i] == 0
                    ? $"all in {{{string.Join(", ", _accepted[i].Values.Order(StringComparer.Ordinal))}}}"
                    : $"{_acceptedFailures[i]} value(s) outside {{{string.Join(", ", _accepted[i].Values.Order(StringComparer.Ordinal))}}}: {string.Join(", ", _acceptedExamples[i])}"));
        var reconciled = sourceRows == acceptedRows + rejectedRows;
        results.Add(new("row_count_reconciliation", null, CheckLevels.Error, reconciled, reconciled ? 0 : Math.Abs(sourceRows - acceptedRows - rejectedRows),
            $"rows in {sourceRows} = normalised {acceptedRows} + rejected {rejectedRows}" + (reconciled ? "" : " does NOT hold")));
        var complete = rowsWritten == RowsObserved;
        results.Add(new("rows_written", null, CheckLevels.Error, complete, RowsObserved - rowsWritten,
            $"{rowsWritten} of {RowsObserved} output rows written"));
        return results;
    }

    public void Dispose() => _seen.Dispose();

    // Its own method: a lambda over the row inside Observe made every call allocate the closure (390 MB per 210 MB file).
    private string KeyText(object?[] row) =>
        "(" + string.Join(", ", _key.Select(k => Convert.ToString(row[k], CultureInfo.InvariantCulture) ?? "null")) + ")";

    private ulong Fingerprint(object?[] row)
    {
        // FNV-1a over the key values with a separator: stable, cheap, no allocation per row.
        var h = 14695981039346656037UL;
        foreach (var k in _key)
        {
            switch (row[k])
            {
                case null: h = Mix(h, 0xFFFF); break;
                case string s: foreach (var c in s) h = Mix(h, c); break;
                case int n: h = Mix(h, (uint)n & 0xFFFF); h = Mix(h, (uint)n >> 16); break;
                case var v: foreach (var c in Convert.ToString(v, CultureInfo.InvariantCulture)!) h = Mix(h, c); break;
            }
            h = Mix(h, 0x1F);
        }
        return h == 0 ? 1 : h;
    }

    private static ulong Mix(ulong h, uint c)
    {
        h ^= c & 0xFF; h *= 1099511628211UL;
        h ^= c >> 8; h *= 1099511628211UL;
        return h;
    }
}

/// <summary>
/// Duplicate detection over 64-bit key fingerprints with bounded memory: an in-memory open-addressing set up to
/// <see cref="InMemoryLimit"/> keys; beyond that every fingerprint is spilled to one of 256 bucket files on local disk
/// (by its top bits) and each bucket is sorted on its own at the end. Memory stays at the set's slots plus one bucket.
/// </summary>
internal sealed class FingerprintSet(int inMemoryLimit = FingerprintSet.DefaultInMemoryLimit) : IDisposable
{
    public const int DefaultInMemoryLimit = 1 << 20;
    private const int Buckets = 256;
    private ulong[] _slots = new ulong[1024];
    private int _count;
    private string? _spillDir;
    private BinaryWriter[]? _spill;

    public int InMemoryLimit { get; } = Math.Max(1, inMemoryLimit);
    public long InMemoryDuplicates { get; private set; }

    /// <summary>False when the fingerprint was seen before (only known immediately while in memory).</summary>
    public bool Add(ulong fp)
    {
        if (_spill is not null)
        {
            _spill[fp >> 56].Write(fp);
            return true;
        }
        if (_count >= InMemoryLimit)
        {
            Spill();
            return Add(fp);
        }
        if (_count * 10 >= _slots.Length * 7) Grow();
        if (!Insert(_slots, fp)) { InMemoryDuplicates++; return false; }
        _count++;
        return true;
    }

    /// <summary>Duplicates found in the spilled buckets (0 when everything fitted in memory).</summary>
    public long SpilledDuplicates()
    {
        if (_spill is null) return 0;
        foreach (var w in _spill) w.Dispose();
        // Buckets are independent: checked on every core (a 2 GB file spills 168 M fingerprints). Each bucket is read
        // into an open-addressing set: linear time, where sorting the buckets took 8 % of the CPU of a whole silver load.
        // A fixed set of workers, each with one set grown to the largest bucket it met: the workers' sets together are
        // about the size of the in-memory set, released when it spilled. (Parallel.For's thread-local state is made anew
        // each time the loop replaces a worker task, every 100 ms or so: 8 MiB sets by the dozen, large-object garbage
        // that added 76 MB to a 2 GB file's peak working set.)
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(Environment.ProcessorCount, Buckets)).Select(_ => Task.Factory.StartNew(() =>
        {
            var set = new BucketSet();
            long found = 0;
            for (int b; (b = Interlocked.Increment(ref next)) < Buckets;)
            {
                using var file = File.OpenRead(BucketPath(b));
                found += set.Duplicates(file);
            }
            return found;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        Task.WaitAll(workers);
        var duplicates = workers.Sum(w => w.Result);
        _spill = null;
        return duplicates;
    }

    private void Spill()
    {
        _spillDir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), Raw.StagingFolder.NewName("keys"))).FullName;
        _spill = new BinaryWriter[Buckets];
        for (var b = 0; b < Buckets; b++)
            _spill[b] = new BinaryWriter(new FileStream(BucketPath(b), FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024));
        foreach (var fp in _slots) if (fp != 0) _spill[fp >> 56].Write(fp);
        _slots = [];
    }

    private string BucketPath(int b) => Path.Combine(_spillDir!, $"{b:x2}.bin");

    /// <summary>One spilled bucket's fingerprints read into a set: the fingerprints seen before are its duplicates.</summary>
    private sealed class BucketSet
    {
        private readonly ulong[] _chunk = new ulong[8192];
        private ulong[] _slots = [];

        public long Duplicates(FileStream file)
        {
            var count = file.Length / sizeof(ulong);
            // At most 70 % full, as the in-memory set: a bucket of a 2 GB file (650,000 fingerprints) takes 8 MiB.
            var size = (int)Math.Max(1024, System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)(count * 10 / 7 + 1)));
            if (_slots.Length < size) _slots = new ulong[size];
            var slots = _slots.AsSpan(0, size);
            slots.Clear();
            long duplicates = 0;
            int read;
            while ((read = file.ReadAtLeast(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_chunk.AsSpan()), sizeof(ulong), throwOnEndOfStream: false)) > 0)
                foreach (var fp in _chunk.AsSpan(0, read / sizeof(ulong))) if (!Insert(slots, fp)) duplicates++;
            return duplicates;
        }
    }

    private static bool Insert(Span<ulong> slots, ulong fp)
    {
        var mask = slots.Length - 1;
        var i = (int)(fp ^ (fp >> 29)) & mask;
        while (slots[i] != 0)
        {
            if (slots[i] == fp) return false;
            i = (i + 1) & mask;
        }
        slots[i] = fp;
        return true;
    }

    private void Grow()
    {
        var bigger = new ulong[_slots.Length * 2];
        foreach (var fp in _slots) if (fp != 0) Insert(bigger, fp);
        _slots = bigger;
    }

    public void Dispose()
    {
        if (_spill is not null) foreach (var w in _spill) w.Dispose();
        _spill = null;
        if (_spillDir is not null) try { Directory.Delete(_spillDir, true); } catch (IOException) { /* temp space */ }
    }
}
