using System.Text;
using Pipeline.Core.Lake;
using Pipeline.Core.Lake.Tables;
using Pipeline.Core.Runs;
using Pipeline.Core.Silver;
using Pipeline.Tests.Infrastructure;
using Pipeline.Tests.Silver;

namespace Pipeline.Tests.Reliability;

/// <summary>Issue 12 at the silver stage: a DUO file with a header only, or with a line too long to hold, never replaces good data.</summary>
[TestClass]
public sealed class SilverInputCases
{
    private static async Task<(FileSystemLake Lake, TempDirectory Dir, long Rows)> GoodTableAsync()
    {
        var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        var good = await SilverFixtures.PutRawAsync(lake, "duo", "mbo-studenten-per-instelling", "studenten-portal.csv");
        var result = await new SilverService().NormaliseAsync(lake, good, SilverFixtures.RunId);
        Assert.AreEqual(StageStatuses.Succeeded, result.Status, string.Join("; ", result.Errors));
        return (lake, dir, (await TableReader.ReadRowsAsync(lake, SilverSchemas.StudentenPerInstelling.Table)).Count);
    }

    [TestMethod]
    public async Task A_header_only_DUO_file_is_a_failure_in_quarantine_and_the_previous_table_stays()
    {
        var (lake, dir, rows) = await GoodTableAsync();
        using var _ = dir;
        var header = File.ReadLines(SilverFixtures.PathOf("studenten-portal.csv"), Encoding.Latin1).First() + "\r\n";
        var empty = await SilverFixtures.PutRawBytesAsync(lake, "duo", "mbo-studenten-per-instelling", Encoding.Latin1.GetBytes(header), "csv", "2026-11-21");

        var result = await new SilverService().NormaliseAsync(lake, empty, SilverFixtures.RunId);

        Assert.AreEqual(StageStatuses.Failed, result.Status);
        StringAssert.Contains(result.Errors.Single(), "the file has a header but no data rows");
        Assert.IsNotNull(result.Quarantined);
        StringAssert.Contains(await lake.ReadTextAsync(result.Quarantined.Value.Value + ".reason.txt"), "no data rows");
        Assert.HasCount((int)rows, await TableReader.ReadRowsAsync(lake, SilverSchemas.StudentenPerInstelling.Table));
    }

    [TestMethod]
    public async Task A_DUO_file_with_a_5_MB_line_is_refused_with_a_short_message_and_the_previous_table_stays()
    {
        var (lake, dir, rows) = await GoodTableAsync();
        using var _ = dir;
        var header = File.ReadLines(SilverFixtures.PathOf("studenten-portal.csv"), Encoding.Latin1).First();
        var body = new StringBuilder(header).Append("\r\n").Append('x', 5 << 20).Append("\r\n").ToString();
        var huge = await SilverFixtures.PutRawBytesAsync(lake, "duo", "mbo-studenten-per-instelling", Encoding.Latin1.GetBytes(body), "csv", "2026-11-21");

        var result = await new SilverService().NormaliseAsync(lake, huge, SilverFixtures.RunId);

        Assert.AreEqual(StageStatuses.Failed, result.Status);
        StringAssert.Contains(result.Errors.Single(), "is longer than 1,048,576 characters");
        Assert.IsLessThan(500, result.Errors.Single().Length);
        Assert.HasCount((int)rows, await TableReader.ReadRowsAsync(lake, SilverSchemas.StudentenPerInstelling.Table));
    }

    [TestMethod]
    public async Task A_CBS_file_larger_than_64_MiB_is_refused_before_it_is_parsed_whole()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        var bytes = new byte[CbsRawJson.MaxBytes + 1024];
        Array.Fill(bytes, (byte)' ');
        "{\"value\": ["u8.CopyTo(bytes);
        var raw = await SilverFixtures.PutRawBytesAsync(lake, "cbs", "85368NED", bytes, "json");

        var result = await new SilverService().NormaliseAsync(lake, raw, SilverFixtures.RunId);

        Assert.AreEqual(StageStatuses.Failed, result.Status);
        StringAssert.Contains(result.Errors.Single(), "larger than 67,108,864 bytes");
        Assert.IsNotNull(result.Quarantined);
    }
}
