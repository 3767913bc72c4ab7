using System.Security.Cryptography;
using System.Text;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Reliability;

/// <summary>
/// A lake holding one good sample run, copied per case from a template made once, and what the cases assert on it:
/// silver and gold unchanged, what a run added, no file carrying a secret.
/// </summary>
public sealed class ReliabilityLake : IDisposable
{
    private readonly TempDirectory _dir = new();

    public string Path => _dir.Path;
    public FileSystemLake Lake => new(Path);

    public static async Task<ReliabilityLake> WithOneGoodRunAsync()
    {
        var lake = new ReliabilityLake();
        await GoodRunTemplate.CopyToAsync(lake.Path);
        return lake;
    }

    public Task<ChildResult> RefreshAsync(params string[] extra) => RefreshAsync(null, extra);

    public Task<ChildResult> RefreshAsync(IReadOnlyDictionary<string, string?>? environment, params string[] extra) =>
        ChildPipeline.RunAsync(["refresh", "--sample", "--lake", Path, .. extra], environment, timeout: TimeSpan.FromMinutes(4));

    /// <summary>Every file under the given zones with its SHA-256, streamed.</summary>
    public Dictionary<string, string> Snapshot(params string[] zones)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var zone in zones)
        {
            var root = System.IO.Path.Combine(Path, zone);
            if (!Directory.Exists(root)) continue;
            foreach (var f in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                var name = System.IO.Path.GetRelativePath(Path, f);
                if (zone == "gold" && f.EndsWith(".parquet", StringComparison.Ordinal))
                {
                    result[name] = RowsDigest(f);
                    continue;
                }
                using var s = File.OpenRead(f);
                result[name] = Convert.ToHexStringLower(SHA256.HashData(s));
            }
        }
        return result;
    }

    /// <summary>
    /// Silver and gold Parquet unchanged: the previous good data is still what readers see. Silver byte for byte;
    /// gold by its rows (gold is recomputed each run and its Parquet metadata names the run).
    /// </summary>
    public void AssertSilverAndGoldIntact(Dictionary<string, string> before)
    {
        var now = Snapshot("silver", "gold");
        foreach (var (file, sha) in before.Where(kv => kv.Key.EndsWith(".parquet", StringComparison.Ordinal)))
            Assert.IsTrue(now.TryGetValue(file, out var after) && after == sha, $"{file} changed or vanished");
        Assert.IsFalse(now.Keys.Any(k => k.EndsWith(".parquet", StringComparison.Ordinal) && !before.ContainsKey(k)),
            "no new Parquet file: " + string.Join(", ", now.Keys.Except(before.Keys)));
    }

    private static string RowsDigest(string parquet)
    {
        using var db = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT md5(coalesce(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR), '')) FROM read_parquet('{parquet}') t";
        return (string)cmd.ExecuteScalar()!;
    }

    public List<string> Files(string zone)
    {
        var root = System.IO.Path.Combine(Path, zone);
        return Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(Path, f)).Order().ToList()
            : [];
    }

    /// <summary>The newest run manifest.</summary>
    public async Task<RunManifest> LastRunAsync()
    {
        var lake = Lake;
        var last = (await lake.NamesAsync("_runs/")).Order(StringComparer.Ordinal).Last();
        return (await RunRecorder.ReadAsync(lake, LakePath.Parse(last)))!;
    }

    /// <summary>True when any file in the lake contains <paramref name="secret"/> (files scanned in chunks, never whole).</summary>
    public string? FileContaining(string secret)
    {
        var needle = Encoding.UTF8.GetBytes(secret);
        foreach (var f in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
        {
            using var s = File.OpenRead(f);
            var buffer = new byte[1 << 16];
            var carry = 0;
            int n;
            while ((n = s.Read(buffer, carry, buffer.Length - carry)) > 0)
            {
                var len = carry + n;
                if (buffer.AsSpan(0, len).IndexOf(needle) >= 0) return f;
                carry = Math.Min(needle.Length - 1, len);
                buffer.AsSpan(len - carry, carry).CopyTo(buffer);
            }
        }
        return null;
    }

    public void Dispose() => _dir.Dispose();
}
