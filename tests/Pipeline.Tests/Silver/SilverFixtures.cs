using System.Security.Cryptography;
using Pipeline.Core.Lake;

namespace Pipeline.Tests.Silver;

/// <summary>Puts fixture files into a lake's raw zone under their real content-addressed names, with a sidecar.</summary>
public static class SilverFixtures
{
    public const string RunId = "20261124T020000Z-test0001";

    public static string PathOf(string fixture) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Silver", fixture);

    public static Task<LakePath> PutRawAsync(ILakeStore lake, string bron, string dataset, string fixture, string date = "2026-11-20", int? voorlopig = null) =>
        PutRawBytesAsync(lake, bron, dataset, File.ReadAllBytes(PathOf(fixture)), Path.GetExtension(fixture).TrimStart('.'), date, voorlopig);

    public static async Task<LakePath> PutRawBytesAsync(ILakeStore lake, string bron, string dataset, byte[] bytes, string ext, string date = "2026-11-20", int? voorlopig = null)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var path = LakePath.Parse($"raw/{bron}/{dataset}/{date}/{sha}.{ext}");
        await lake.WriteAsync(path, new MemoryStream(bytes));
        if (voorlopig is not null)
            await lake.WriteAsync(LakePath.Parse(path.Value + ".json"), new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"{{\"voorlopig_jaar\": {voorlopig}}}")));
        return path;
    }

    /// <summary>Data lines of a CSV fixture (all lines but the header).</summary>
    public static int DataLines(string fixture) =>
        File.ReadAllLines(PathOf(fixture), System.Text.Encoding.Latin1).Skip(1).Count(l => l.Length > 0);
}
