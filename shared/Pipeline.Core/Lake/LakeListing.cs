namespace Pipeline.Core.Lake;

/// <summary>Questions answered from one listing of a folder, without reading any file.</summary>
public static class LakeListing
{
    /// <summary>True when every one of <paramref name="paths"/> is in the lake under <paramref name="folder"/>.</summary>
    public static async Task<bool> ContainsAllAsync(this ILakeStore lake, string folder, IEnumerable<string> paths, CancellationToken ct = default)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in lake.ListAsync(folder, ct)) present.Add(e.Path.Value);
        return paths.All(present.Contains);
    }
}
