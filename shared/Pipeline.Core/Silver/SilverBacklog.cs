using Pipeline.Core.Datasets;
using Pipeline.Core.Lake;
using Pipeline.Core.Raw;

namespace Pipeline.Core.Silver;

/// <summary>A current raw file that is neither in its silver table's inputs nor in quarantine.</summary>
public sealed record UnaccountedRawFile(string Dataset, string Table, string Raw);

/// <summary>
/// What silver owes raw, reckoned per raw file from the datasets' current pointers (not from what one run fetched), so
/// a run that died anywhere between raw and silver is made good by the next one. A raw file is accounted for when its
/// sha256 is among the inputs of the table it feeds (<see cref="SilverState"/>) or it is in quarantine (silver or
/// poison). For a package, a table is owed when any current resource file is unaccounted for; for a single-file
/// source, when the table is not built from exactly the current file; for accumulating uploads (JOB-monitor), every
/// accepted upload must be accounted for, and the uploads from the first unaccounted one on are normalised again in
/// upload order, so a later upload still wins a year it shares with an earlier one.
/// </summary>
public static class SilverBacklog
{
    /// <summary>The raw files to normalise, in the order to normalise them (a package's table is named by one of its files).</summary>
    public static async Task<IReadOnlyList<LakePath>> ToNormaliseAsync(ILakeStore lake, CancellationToken ct)
    {
        var todo = new List<LakePath>();
        foreach (var dataset in DatasetCatalog.All.Where(d => d.Tables.Count > 0))
            todo.AddRange((await OwedAsync(lake, dataset, ct)).Normalise);
        return todo;
    }

    /// <summary>Every current raw file not accounted for, plus raw files of accumulating uploads the pointer never took in.</summary>
    public static async Task<IReadOnlyList<UnaccountedRawFile>> UnaccountedAsync(ILakeStore lake, CancellationToken ct)
    {
        var found = new List<UnaccountedRawFile>();
        foreach (var dataset in DatasetCatalog.All.Where(d => d.Tables.Count > 0))
            found.AddRange((await OwedAsync(lake, dataset, ct)).Unaccounted);
        return found;
    }

    private static async Task<(List<LakePath> Normalise, List<UnaccountedRawFile> Unaccounted)> OwedAsync(
        ILakeStore lake, DatasetDeclaration dataset, CancellationToken ct)
    {
        var normalise = new List<LakePath>();
        var unaccounted = new List<UnaccountedRawFile>();
        var pointer = await CurrentPointer.ReadAsync(lake, dataset.Bron, dataset.Dataset, ct);
        var accumulates = dataset.Upload?.Accumulate == true;
        if (accumulates) unaccounted.AddRange(await OrphansAsync(lake, dataset, pointer, ct));
        if (pointer is null) return (normalise, unaccounted);

        if (pointer.Resources.Count > 0)
        {
            foreach (var table in pointer.Resources.Select(r => r.Table).Distinct(StringComparer.Ordinal))
            {
                if (dataset.Table(table) is null) continue;
                var state = await SilverState.ReadAsync(lake, table, ct);
                var resources = pointer.ResourcesOf(table);
                if (state is not null && state.InputShas.SetEquals(resources.Select(r => r.Sha256))) continue;
                var owed = new List<LakePath>();
                var refused = false;
                foreach (var r in resources)
                    if (RawFile.TryParse(LakePath.Parse(r.Path), out var file) && !Built(state, file))
                        if (await QuarantinedAsync(lake, file, ct)) refused = true;
                        else owed.Add(file.Path);
                unaccounted.AddRange(owed.Select(p => new UnaccountedRawFile(dataset.Label, table, p.Value)));
                // A set with a refused file waits for a new one (the table stays as it was); a set that only shrank is rebuilt.
                if (!refused && resources.Count > 0) normalise.Add(owed.Count > 0 ? owed[0] : LakePath.Parse(resources[0].Path));
            }
            return (normalise, unaccounted);
        }

        var files = accumulates ? pointer.Files : [pointer.Path];
        var behind = false;
        foreach (var name in files)
        {
            if (!RawFile.TryParse(LakePath.Parse(name), out var file) || await QuarantinedAsync(lake, file, ct)) continue;
            var (set, _) = await SilverInputs.ResolveAsync(lake, file, ct);
            if (set is null) continue;
            var state = await SilverState.ReadAsync(lake, set.Table.Name, ct);
            var done = accumulates ? Built(state, file) : state is not null && state.InputShas.SetEquals([file.Sha256]);
            if (!done) unaccounted.Add(new UnaccountedRawFile(dataset.Label, set.Table.Name, file.Path.Value));
            // From the first file owed on, every later upload is normalised again after it, in upload order.
            behind |= !done;
            if (behind) normalise.Add(file.Path);
        }
        return (normalise, unaccounted);
    }

    private static bool Built(SilverState? state, RawFile file) => state is not null && state.InputShas.Contains(file.Sha256);

    public static async Task<bool> QuarantinedAsync(ILakeStore lake, RawFile file, CancellationToken ct) =>
        await lake.ExistsAsync(Quarantine.SilverPath(file.Dataset, file.Sha256, file.Extension), ct)
        || await lake.ExistsAsync(Quarantine.PoisonPath(file.Path), ct);

    /// <summary>Raw data files of an accumulating dataset that its pointer does not list (a crash between the two writes).</summary>
    private static async Task<List<UnaccountedRawFile>> OrphansAsync(ILakeStore lake, DatasetDeclaration dataset, CurrentPointer? pointer,
        CancellationToken ct)
    {
        var listed = new HashSet<string>(pointer?.Files ?? [], StringComparer.Ordinal);
        var orphans = new List<UnaccountedRawFile>();
        await foreach (var e in lake.ListAsync($"{LakeZones.Raw}/{dataset.Bron}/{dataset.Dataset}/", ct))
            if (RawFile.TryParse(e.Path, out var file) && !listed.Contains(e.Path.Value) && !await QuarantinedAsync(lake, file, ct))
                orphans.Add(new UnaccountedRawFile(dataset.Label, dataset.Tables[0].Name, e.Path.Value));
        return orphans;
    }
}
