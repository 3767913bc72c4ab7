using System.Text;
using Pipeline.Core.Lake;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Lake;

/// <summary>
/// The lake contract. Every backend runs these same cases through a subclass that says how to make a fresh lake.
/// </summary>
public abstract class LakeStoreContract
{
    protected abstract ILakeStore NewLake();

    [TestMethod]
    public async Task Written_file_reads_back_byte_for_byte()
    {
        var lake = NewLake();
        await lake.WriteTextAsync("silver/tabel/jaar=2024/part-0.parquet", "inhoud");
        Assert.AreEqual("inhoud", await lake.ReadTextAsync("silver/tabel/jaar=2024/part-0.parquet"));
        Assert.IsTrue(await lake.ExistsAsync(LakePath.Parse("silver/tabel/jaar=2024/part-0.parquet")));
    }

    [TestMethod]
    public async Task Reader_never_sees_a_half_written_file()
    {
        var lake = NewLake();
        var content = Encoding.UTF8.GetBytes(new string('x', 64 * 1024));
        var gated = new GatedStream(content, openBytes: 1000);
        var write = lake.WriteAsync(LakePath.Parse("gold/indicatoren/jaar=2024/part-0.parquet"), gated);
        await gated.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsFalse(await lake.ExistsAsync(LakePath.Parse("gold/indicatoren/jaar=2024/part-0.parquet")), "visible while half written");
        CollectionAssert.AreEqual(Array.Empty<string>(), await lake.NamesAsync("gold/"), "listed while half written");

        gated.Release();
        await write;
        Assert.AreEqual(content.Length, (await lake.ReadTextAsync("gold/indicatoren/jaar=2024/part-0.parquet")).Length);
    }

    [TestMethod]
    public async Task Replacing_a_file_keeps_the_old_content_readable_until_the_new_one_is_complete()
    {
        var lake = NewLake();
        await lake.WriteTextAsync("gold/trajecten/jaar=2024/part-0.parquet", "oud");
        var gated = new GatedStream(Encoding.UTF8.GetBytes(new string('n', 64 * 1024)), openBytes: 1000);
        var write = lake.WriteAsync(LakePath.Parse("gold/trajecten/jaar=2024/part-0.parquet"), gated);
        await gated.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.AreEqual("oud", await lake.ReadTextAsync("gold/trajecten/jaar=2024/part-0.parquet"));

        gated.Release();
        await write;
        Assert.AreEqual(64 * 1024, (await lake.ReadTextAsync("gold/trajecten/jaar=2024/part-0.parquet")).Length);
    }

    [TestMethod]
    public async Task Raw_file_written_again_with_the_same_bytes_is_a_no_op()
    {
        var lake = NewLake();
        await lake.WriteTextAsync("raw/duo/ds/2026-11-23/abc.csv", "a,b\n1,2\n");
        await lake.WriteTextAsync("raw/duo/ds/2026-11-23/abc.csv", "a,b\n1,2\n");
        Assert.AreEqual("a,b\n1,2\n", await lake.ReadTextAsync("raw/duo/ds/2026-11-23/abc.csv"));
    }

    [TestMethod]
    public async Task Raw_file_written_again_with_different_bytes_is_an_error_and_keeps_the_original()
    {
        var lake = NewLake();
        await lake.WriteTextAsync("raw/duo/ds/2026-11-23/abc.csv", "origineel");
        var e = await Assert.ThrowsExactlyAsync<RawImmutableException>(() => lake.WriteTextAsync("raw/duo/ds/2026-11-23/abc.csv", "anders"));
        StringAssert.Contains(e.Message, "raw/duo/ds/2026-11-23/abc.csv");
        Assert.AreEqual("origineel", await lake.ReadTextAsync("raw/duo/ds/2026-11-23/abc.csv"));
    }

    [TestMethod]
    public async Task Raw_files_cannot_be_deleted()
    {
        var lake = NewLake();
        await lake.WriteTextAsync("raw/cbs/85368NED/2026-11-23/abc.json", "{}");
        await Assert.ThrowsExactlyAsync<RawImmutableException>(() => lake.DeleteAsync(LakePath.Parse("raw/cbs/85368NED/2026-11-23/abc.json")));
        Assert.IsTrue(await lake.ExistsAsync(LakePath.Parse("raw/cbs/85368NED/2026-11-23/abc.json")));
    }

    [TestMethod]
    public async Task Listing_by_prefix_returns_only_matching_files_in_name_order()
    {
        var lake = NewLake();
        foreach (var name in new[] { "silver/b/jaar=2022/part-0.parquet", "silver/a/jaar=2023/part-0.parquet",
                     "silver/a/jaar=2021/part-0.parquet", "silver/ab/jaar=2021/part-0.parquet", "gold/a/jaar=2021/part-0.parquet" })
            await lake.WriteTextAsync(name, name);

        CollectionAssert.AreEqual(
            new[] { "silver/a/jaar=2021/part-0.parquet", "silver/a/jaar=2023/part-0.parquet" },
            await lake.NamesAsync("silver/a/"));
        CollectionAssert.AreEqual(
            new[] { "silver/a/jaar=2021/part-0.parquet", "silver/a/jaar=2023/part-0.parquet", "silver/ab/jaar=2021/part-0.parquet" },
            await lake.NamesAsync("silver/a"));
        CollectionAssert.AreEqual(Array.Empty<string>(), await lake.NamesAsync("silver/zzz/"));
    }

    [TestMethod]
    public async Task Deleted_file_is_gone_and_deleting_an_absent_file_is_harmless()
    {
        var lake = NewLake();
        await lake.WriteTextAsync("quarantine/x/reason.txt", "r");
        await lake.DeleteAsync(LakePath.Parse("quarantine/x/reason.txt"));
        await lake.DeleteAsync(LakePath.Parse("quarantine/x/reason.txt"));
        await lake.DeleteAsync(LakePath.Parse("quarantine/never/created/folder.txt"));
        Assert.IsFalse(await lake.ExistsAsync(LakePath.Parse("quarantine/x/reason.txt")));
    }

    [TestMethod]
    public async Task Reading_an_absent_file_names_it()
    {
        var lake = NewLake();
        var e = await Assert.ThrowsExactlyAsync<LakeFileNotFoundException>(() => lake.OpenReadAsync(LakePath.Parse("gold/nope/x.parquet")));
        StringAssert.Contains(e.Message, "gold/nope/x.parquet");
    }

    [TestMethod]
    public async Task Lock_is_exclusive_until_released()
    {
        var lake = NewLake();
        var first = await lake.AcquireLockAsync("publish", TimeSpan.FromSeconds(5));
        await Assert.ThrowsExactlyAsync<LakeLockTimeoutException>(() => lake.AcquireLockAsync("publish", TimeSpan.FromMilliseconds(300)));
        var other = await lake.AcquireLockAsync("another-name", TimeSpan.FromSeconds(5));
        var waiting = lake.AcquireLockAsync("publish", TimeSpan.FromSeconds(20));
        await first.DisposeAsync();
        await (await waiting).DisposeAsync();
        await other.DisposeAsync();
    }

    [TestMethod]
    [DataRow("../etc/passwd")]
    [DataRow("raw/../../etc/passwd")]
    [DataRow("/etc/passwd")]
    [DataRow("raw/a\u0000b")]
    [DataRow("raw/a\nb")]
    [DataRow("raw\\duo\\x")]
    [DataRow("raw//x")]
    [DataRow("")]
    public void Rejected_names_never_reach_the_backend(string name)
    {
        Assert.ThrowsExactly<InvalidLakePathException>(() => LakePath.Parse(name));
    }
}

[TestClass]
public sealed class FileSystemLakeContractTests : LakeStoreContract
{
    private readonly List<TempDirectory> _dirs = [];

    protected override ILakeStore NewLake()
    {
        var dir = new TempDirectory();
        _dirs.Add(dir);
        return new FileSystemLake(dir.Path);
    }

    [TestCleanup]
    public void Cleanup() => _dirs.ForEach(d => d.Dispose());

    [TestMethod]
    public async Task Temporary_files_stay_out_of_analysts_globs()
    {
        var lake = (FileSystemLake)NewLake();
        await lake.WriteTextAsync("gold/x/jaar=2024/part-0.parquet", "x");
        var visible = Directory.EnumerateFiles(lake.Location, "*.parquet", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(lake.Location, f)).ToList();
        CollectionAssert.AreEqual(new[] { Path.Combine("gold", "x", "jaar=2024", "part-0.parquet") }, visible);
    }
}

[TestClass]
public sealed class BlobLakeContractTests : LakeStoreContract
{
    protected override ILakeStore NewLake() => Azurite.NewLake();

    [TestMethod]
    public void Each_zone_is_its_own_container_and_underscore_zones_drop_the_underscore()
    {
        var lake = new BlobLake(Azurite.Service(), "p1");
        Assert.AreEqual("p1raw", lake.ContainerName("raw"));
        Assert.AreEqual("p1runs", lake.ContainerName("_runs"));
    }
}
