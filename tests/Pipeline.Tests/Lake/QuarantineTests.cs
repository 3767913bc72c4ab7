using Pipeline.Tests.Orchestration;
using Pipeline.Core.Lake;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Lake;

/// <summary>The one quarantine writer: the rejected bytes, and a readable <c>.reason.txt</c> beside them.</summary>
[TestClass]
public sealed class QuarantineTests
{
    [TestMethod]
    public async Task Keeps_the_bytes_and_a_readable_reason_with_stage_dataset_source_line_column_and_time()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 23, 2, 15, 0, TimeSpan.Zero));
        var quarantine = new Quarantine(lake, clock);
        var target = Quarantine.BronzePath("duo", "instromende-mbo-studenten", "ab12", "csv");
        Assert.AreEqual("quarantine/bronze/duo/instromende-mbo-studenten/ab12.csv", target.Value);

        await using (var body = new MemoryStream("JAAR,X\n"u8.ToArray()))
            await quarantine.KeepAsync(target, new QuarantineReason
            {
                Stage = "bronze", Dataset = "duo/instromende-mbo-studenten", Source = "https://example.test/x.csv", Line = 1, Column = "AANTAL",
                Reason = "the header lacks 'AANTAL'",
            }, body);

        Assert.AreEqual("JAAR,X\n", await lake.ReadTextAsync(target.Value));
        Assert.AreEqual(
            "stage: bronze\ndataset: duo/instromende-mbo-studenten\nsource: https://example.test/x.csv\nline: 1\ncolumn: AANTAL\n" +
            $"kept: {target}\ntime: 2026-11-23T02:15:00Z\nreason: the header lacks 'AANTAL'\n",
            await lake.ReadTextAsync(target.Value + ".reason.txt"));
        Assert.IsFalse((await lake.NamesAsync("quarantine/")).Any(n => n.EndsWith(".reason.json", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task A_copy_of_a_file_that_is_gone_keeps_only_the_reason()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        var target = Quarantine.PoisonPath(LakePath.Parse("raw/duo/x/2026-11-23/ab.csv"));

        await new Quarantine(lake).KeepCopyAsync(LakePath.Parse("raw/duo/x/2026-11-23/ab.csv"), target,
            new QuarantineReason { Stage = "poison", Dataset = "duo/x", Reason = "gave up" });

        Assert.IsFalse(await lake.ExistsAsync(target));
        StringAssert.Contains(await lake.ReadTextAsync(target.Value + ".reason.txt"), "kept: (no body)");
    }

    [TestMethod]
    public async Task A_bronze_rejection_seen_again_is_kept_once_and_its_reason_is_capped()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        var quarantine = new Quarantine(lake);
        var target = Quarantine.BronzePath("job", "job-monitor", "cd34", "csv");
        var reason = new QuarantineReason
        {
            Stage = "bronze", Dataset = "job/job-monitor", Reason = string.Join("\n", Enumerable.Range(1, 5000).Select(i => $"line {i}: bad")),
        };
        for (var night = 0; night < 3; night++)
        {
            await using var body = new MemoryStream("x\n"u8.ToArray());
            await quarantine.KeepAsync(target, reason, body);
        }

        Assert.HasCount(2, await lake.NamesAsync("quarantine/"));
        var text = await lake.ReadTextAsync(target.Value + ".reason.txt");
        StringAssert.Contains(text, "line 200: bad");
        Assert.DoesNotContain("line 201: bad", text);
        StringAssert.Contains(text, "… and 4800 more");
    }
}
