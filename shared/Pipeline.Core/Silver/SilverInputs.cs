using Pipeline.Core.Datasets;
using Pipeline.Core.Lake;
using Pipeline.Core.Raw;

namespace Pipeline.Core.Silver;

/// <summary>One raw file a silver load reads, with the resource it came from and the resource's year.</summary>
public sealed record SilverInput(RawFile Raw, string? Resource = null, int? Jaar = null)
{
    public string Describe() => Resource is null ? Raw.Path.Value : $"{Raw.Path} (resource '{Resource}')";
}

/// <summary>What a silver table is built from: its dataset and table declarations and every current input file.</summary>
/// <param name="FromPointer">The inputs are the current resources of a package (the table is built from all of them).</param>
/// <param name="Current">The single input is a file the dataset's pointer names (never "older than the table").</param>
/// <param name="Accumulates">The dataset's uploads add up (JOB-monitor): the table's inputs are every upload loaded so far.</param>
public sealed record SilverInputSet(DatasetDeclaration Dataset, TableDeclaration Table, IReadOnlyList<SilverInput> Inputs, bool FromPointer,
    bool Current = false, bool Accumulates = false);

/// <summary>
/// From a raw file to the set a table is built from. A file that is a current resource of a package stands for its
/// table: every current resource feeding that table is read together (one partition per jaar). Any other file (a
/// single-file source, an upload) is read on its own and replaces the partitions it contains.
/// </summary>
public static class SilverInputs
{
    /// <summary>The set, or why there is nothing to build (<c>Skip</c>): no silver table, or not a current resource.</summary>
    public static async Task<(SilverInputSet? Set, string? Skip)> ResolveAsync(ILakeStore lake, RawFile raw, CancellationToken ct)
    {
        var dataset = DatasetCatalog.Find(raw.Bron, raw.Dataset);
        if (dataset is null || dataset.Tables.Count == 0)
            return (null, $"Dataset '{raw.Dataset}' has no silver table (read directly by a later stage, if at all).");
        var pointer = await CurrentPointer.ReadAsync(lake, raw.Bron, raw.Dataset, ct);
        if (pointer is { Resources.Count: > 0 })
        {
            var entry = pointer.Resources.FirstOrDefault(r => r.Path == raw.Path.Value);
            if (entry is null)
                return (null, $"{raw.Path} is not a current resource of {dataset.Label} (current: {string.Join(", ", pointer.Files)}); its tables are unchanged.");
            var table = dataset.Table(entry.Table);
            if (table is null)
                return (null, $"{raw.Path}: resource {entry.Describe()} feeds table '{entry.Table}', which {dataset.Label} no longer declares.");
            var inputs = pointer.ResourcesOf(table.Name)
                .Select(r => new SilverInput(RawFile.Parse(LakePath.Parse(r.Path)), r.Name, r.Jaar)).ToList();
            return (new SilverInputSet(dataset, table, inputs, FromPointer: true), null);
        }
        var sidecar = await ReadSidecarAsync(lake, raw, ct);
        var single = (sidecar?.SilverTable is { } t ? dataset.Table(t) : null) ?? dataset.Tables[0];
        var current = pointer is not null && (pointer.Path == raw.Path.Value || pointer.Files.Contains(raw.Path.Value));
        return (new SilverInputSet(dataset, single, [new SilverInput(raw, sidecar?.CkanResourceName, sidecar?.CkanResourceJaar)], FromPointer: false,
            Current: current, Accumulates: dataset.Upload?.Accumulate == true), null);
    }

    /// <summary>Whether the table's state names exactly the set's files (then building again would change nothing).</summary>
    public static async Task<bool> IsCurrentAsync(ILakeStore lake, SilverInputSet set, CancellationToken ct)
    {
        var state = await SilverState.ReadAsync(lake, set.Table.Name, ct);
        return state is not null && state.InputShas.SetEquals(set.Inputs.Select(i => i.Raw.Sha256));
    }

    private static async Task<RawSidecar?> ReadSidecarAsync(ILakeStore lake, RawFile raw, CancellationToken ct)
    {
        if (!await lake.ExistsAsync(raw.Sidecar, ct)) return null;
        try { return await RawWriter.ReadSidecarAsync(lake, raw.Sidecar, ct); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
