using System.Text;
using Pipeline.Core.Lake;
using Pipeline.Core.Raw;

namespace Pipeline.Tests.Raw;

[TestClass]
public sealed class RawWriterTests
{
    private string _dir = "";
    private FileSystemLake _lake = null!;

    [TestInitialize]
    public void Init()
    {
        _dir = Path.Combine(Path.GetTempPath(), "raw-tests-" + Guid.NewGuid().ToString("N"));
        _lake = new FileSystemLake(_dir);
    }

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private async Task<RawStoreResult> Store(RawWriter writer, string content, bool accumulate = false)
    {
        await using var staged = new StagingFile(1 << 20);
        await staged.CopyFromAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), CancellationToken.None);
        return await writer.StoreAsync(staged, new RawSidecar { Bron = "duo", Dataset = "d", Extension = "csv", SourceUrl = "http://x/" + content.Length }, accumulate);
    }

    private async Task<List<string>> Raw()
    {
        var l = new List<string>();
        await foreach (var e in _lake.ListAsync("raw/")) l.Add(e.Path.Value);
        return l;
    }

    [TestMethod]
    public async Task The_same_content_twice_is_stored_once_and_reported_unchanged()
    {
        var writer = new RawWriter(_lake);
        var first = await Store(writer, "A,B\n1,2\n");
        var second = await Store(writer, "A,B\n1,2\n");

        Assert.AreEqual(RawStoreStatus.Stored, first.Status);
        Assert.AreEqual(RawStoreStatus.Unchanged, second.Status);
        Assert.AreEqual(first.Path, second.Path);
        Assert.AreEqual(2, (await Raw()).Count);
        Assert.AreEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("A,B\n1,2\n"))), first.Sha256);
        StringAssert.Matches(first.Path.Value, new System.Text.RegularExpressions.Regex(@"^raw/duo/d/\d{4}-\d{2}-\d{2}/[0-9a-f]{64}\.csv$"));
    }

    [TestMethod]
    public async Task New_content_becomes_current_and_a_revert_reuses_the_old_file_without_writing()
    {
        var writer = new RawWriter(_lake);
        var v1 = await Store(writer, "A\n1\n");
        var v2 = await Store(writer, "A\n2\n");
        var back = await Store(writer, "A\n1\n");

        Assert.AreEqual(RawStoreStatus.Stored, v2.Status);
        Assert.AreEqual(RawStoreStatus.Reused, back.Status);
        Assert.AreEqual(v1.Path, back.Path);
        Assert.AreEqual(4, (await Raw()).Count);
        var pointer = (await CurrentPointer.ReadAsync(_lake, "duo", "d"))!;
        Assert.AreEqual(v1.Sha256, pointer.Sha256);
        CollectionAssert.AreEqual(new[] { v1.Path.Value }, pointer.Files.ToArray());
    }

    [TestMethod]
    public async Task The_sidecar_describes_the_first_retrieval_and_is_never_rewritten()
    {
        var writer = new RawWriter(_lake);
        var v1 = await Store(writer, "A\n1\n");
        var sidecarPath = LakePath.Parse(v1.Path.Value + ".json");
        var before = await File.ReadAllTextAsync(_lake.FullPath(sidecarPath));
        await Store(writer, "A\n2\n");
        await Store(writer, "A\n1\n");

        Assert.AreEqual(before, await File.ReadAllTextAsync(_lake.FullPath(sidecarPath)));
        var sidecar = (await RawWriter.ReadSidecarAsync(_lake, sidecarPath))!;
        Assert.AreEqual(v1.Sha256, sidecar.Sha256);
        Assert.AreEqual(4L, sidecar.Size);
        Assert.AreEqual("csv", sidecar.Extension);
    }

    [TestMethod]
    public async Task Accumulating_datasets_keep_every_accepted_file_in_order()
    {
        var writer = new RawWriter(_lake);
        var a = await Store(writer, "x\n2022\n", accumulate: true);
        var b = await Store(writer, "x\n2024\n", accumulate: true);
        var again = await Store(writer, "x\n2022\n", accumulate: true);

        Assert.AreEqual(RawStoreStatus.Unchanged, again.Status);
        CollectionAssert.AreEqual(new[] { a.Path.Value, b.Path.Value }, (await CurrentPointer.ReadAsync(_lake, "duo", "d"))!.Files.ToArray());
    }

    [TestMethod]
    public async Task A_staging_file_refuses_to_grow_past_its_limit()
    {
        await using var staged = new StagingFile(10);
        var e = await Assert.ThrowsExactlyAsync<SizeLimitExceededException>(() =>
            staged.CopyFromAsync(new MemoryStream(new byte[11]), CancellationToken.None));
        StringAssert.Contains(e.Message, "10 bytes");
    }
}
