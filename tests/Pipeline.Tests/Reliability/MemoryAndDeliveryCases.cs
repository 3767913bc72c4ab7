using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Core.Runs;
using Pipeline.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Reliability;

/// <summary>
/// Issue 12, "memory, secrets, delivery and concurrency", against the real <c>pipeline refresh</c> as a child process
/// on a lake holding one good run. Every case checks the exit code, the message, the previous silver and gold, the
/// quarantine where an input is refused, a second run, and peak RSS under <see cref="ChildPipeline.MaxPeakRssBytes"/>.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class MemoryAndDeliveryCases
{
    private static void AssertWithinMemory(ChildResult r) =>
        Assert.IsLessThan(ChildPipeline.MaxPeakRssBytes, r.PeakRssBytes, $"peak RSS {r.PeakRssMb:F0} MB\n{r}");

    /// <summary>Writes <paramref name="size"/> bytes of <paramref name="fill"/> after <paramref name="head"/>, in chunks (no big string in the test).</summary>
    private static void WriteBig(string file, string head, long size, byte fill, string tail = "")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var s = File.Create(file);
        s.Write(Encoding.UTF8.GetBytes(head));
        var chunk = new byte[1 << 20];
        Array.Fill(chunk, fill);
        for (long written = 0; written < size; written += chunk.Length)
            s.Write(chunk, 0, (int)Math.Min(chunk.Length, size - written));
        s.Write(Encoding.UTF8.GetBytes(tail));
    }

    private static async Task<(ChildResult First, ChildResult Second)> RejectedTwiceAsync(ReliabilityLake lake, Action land, string message, string quarantine)
    {
        var before = lake.Snapshot("silver", "gold");
        land();
        var first = await lake.RefreshAsync();
        Assert.AreEqual(1, first.ExitCode, first.ToString());
        StringAssert.Contains(first.Output + first.Error, message, first.ToString());
        AssertWithinMemory(first);
        lake.AssertSilverAndGoldIntact(before);
        var kept = lake.Files("quarantine").Where(f => f.StartsWith(quarantine, StringComparison.Ordinal)).ToList();
        Assert.IsTrue(kept.Any(f => f.EndsWith(".reason.txt", StringComparison.Ordinal)), string.Join("\n", lake.Files("quarantine")));
        StringAssert.Contains(File.ReadAllText(Path.Combine(lake.Path, kept.First(f => f.EndsWith(".reason.txt", StringComparison.Ordinal)))), message);
        Assert.IsEmpty(lake.Files("landing"), "the refused upload left landing (it is not retried every night)");

        var quarantined = lake.Files("quarantine");
        var second = await lake.RefreshAsync();
        Assert.AreEqual(0, second.ExitCode, second.ToString());
        CollectionAssert.AreEqual(quarantined, lake.Files("quarantine"), "a second run adds nothing to quarantine");
        lake.AssertSilverAndGoldIntact(before);
        return (first, second);
    }

    [TestMethod]
    public async Task Second_refresh_on_a_good_lake_adds_nothing_and_changes_no_silver_or_gold()
    {
        using var lake = await ReliabilityLake.WithOneGoodRunAsync();
        var before = lake.Snapshot("silver", "gold");
        var r = await lake.RefreshAsync();
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        AssertWithinMemory(r);
        lake.AssertSilverAndGoldIntact(before);
        Assert.IsEmpty(lake.Files("quarantine"));
    }

    [TestMethod]
    public async Task A_300_MB_single_line_csv_in_landing_job_is_quarantined_within_memory()
    {
        using var lake = await ReliabilityLake.WithOneGoodRunAsync();
        await RejectedTwiceAsync(lake, () => WriteBig(Path.Combine(lake.Path, "landing", "job", "huge.csv"), "", 300L << 20, (byte)'a'),
            "longer than 1,048,576 characters", "quarantine/bronze/job/job-monitor/");
    }

    [TestMethod]
    public async Task A_4_MB_header_in_landing_job_is_quarantined_within_memory()
    {
        using var lake = await ReliabilityLake.WithOneGoodRunAsync();
        await RejectedTwiceAsync(lake, () => WriteBig(Path.Combine(lake.Path, "landing", "job", "header.csv"), "instellingscode,", 4L << 20, (byte)'k',
            "\n25LH,2024,veiligheid,v1,10,80,7\n"), "line 1 is longer than", "quarantine/bronze/job/job-monitor/");
    }

    [TestMethod]
    public async Task A_decompression_bomb_xlsx_with_huge_shared_strings_is_refused_before_parsing()
    {
        using var lake = await ReliabilityLake.WithOneGoodRunAsync();
        await RejectedTwiceAsync(lake, () =>
        {
            var file = Path.Combine(lake.Path, "landing", "job", "bomb.xlsx");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using var zip = new ZipArchive(File.Create(file), ZipArchiveMode.Create);
            using (var w = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open())) w.Write("<Types/>");
            using (var w = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open())) w.Write("<workbook/>");
            using var s = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.SmallestSize).Open();
            s.Write("<sst><si><t>"u8);
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)'A');
            for (var i = 0; i < 200; i++) s.Write(chunk); // 200 MB unpacked, about 200 KB packed
            s.Write("</t></si></sst>"u8);
        }, "shared strings unpack to", "quarantine/bronze/job/job-monitor/");
        Assert.IsLessThan(5L << 20, new FileInfo(Directory.EnumerateFiles(Path.Combine(lake.Path, "quarantine"), "*.xlsx", SearchOption.AllDirectories).Single()).Length);
    }

    [TestMethod]
    public async Task An_xlsx_with_data_on_a_second_sheet_is_rejected_not_silently_dropped()
    {
        using var lake = await ReliabilityLake.WithOneGoodRunAsync();
        var before = lake.Snapshot("silver", "gold");
        var file = Path.Combine(lake.Path, "landing", "job", "two-sheets.xlsx");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.Copy(Path.Combine(RepoRoot.Find(), "tests", "Pipeline.Tests", "Fixtures", "Silver", "job-monitor.xlsx"), file);
        using (var zip = new ZipArchive(File.Open(file, FileMode.Open), ZipArchiveMode.Update))
        {
            string Read(string name) { using var r = new StreamReader(zip.GetEntry(name)!.Open()); return r.ReadToEnd(); }
            void Write(string name, string text) { zip.GetEntry(name)?.Delete(); using var w = new StreamWriter(zip.CreateEntry(name).Open()); w.Write(text); }
            var sheet1 = Read("xl/worksheets/sheet1.xml");
            Write("xl/worksheets/sheet2.xml", sheet1);
            Write("xl/workbook.xml", Read("xl/workbook.xml").Replace("</sheets>", "<sheet name=\"Extra\" sheetId=\"2\" r:id=\"rIdExtra\"/></sheets>"));
            Write("xl/_rels/workbook.xml.rels", Read("xl/_rels/workbook.xml.rels").Replace("</Relationships>",
                "<Relationship Id=\"rIdExtra\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/></Relationships>"));
            Write("[Content_Types].xml", Read("[Content_Types].xml").Replace("</Types>",
                "<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"));
        }
        var r = await lake.RefreshAsync();
        Assert.AreEqual(1, r.ExitCode, r.ToString());
        StringAssert.Contains(r.Output, "sheet 2 ('Extra') has data", r.ToString());
        AssertWithinMemory(r);
        lake.AssertSilverAndGoldIntact(before);
        var reason = lake.Files("quarantine").Single(f => f.StartsWith("quarantine/silver/job-monitor/", StringComparison.Ordinal) && f.EndsWith(".reason.txt", StringComparison.Ordinal));
        StringAssert.Contains(File.ReadAllText(Path.Combine(lake.Path, reason)), "only the first sheet is read");
    }

    [TestMethod]
    public async Task A_50_MB_invalid_ambitions_file_via_the_command_line_is_streamed_into_quarantine()
    {
        using var lake = await ReliabilityLake.WithOneGoodRunAsync();
        using var tmp = new Infrastructure.TempDirectory();
        var file = Path.Combine(tmp.Path, "ambities.csv");
        WriteBig(file, "instellingscode,indicator,basisjaar,startwaarde,streefwaarde_2027,tolerantie\n", 50L << 20, (byte)'x');
        var before = lake.Snapshot("silver", "gold");
        var runs = lake.Files("_runs");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var r = await lake.RefreshAsync("--ambitions", file);
            Assert.AreEqual(1, r.ExitCode, r.ToString());
            StringAssert.Contains(r.Error, "an ambitions file is at most 262,144 bytes", r.ToString());
            AssertWithinMemory(r);
            lake.AssertSilverAndGoldIntact(before);
            CollectionAssert.AreEqual(runs, lake.Files("_runs"), "the run does not start");
            var kept = lake.Files("quarantine");
            Assert.HasCount(2, kept, "the file and its reason, once however often it is offered");
            StringAssert.StartsWith(kept[0], "quarantine/ambities/");
            Assert.AreEqual(new FileInfo(file).Length, new FileInfo(Path.Combine(lake.Path, kept[0])).Length, "kept whole");
        }
    }

    [TestMethod]
    public async Task A_50_MB_ambitions_upload_in_landing_is_refused_at_the_door()
    {
        using var lake = await ReliabilityLake.WithOneGoodRunAsync();
        await RejectedTwiceAsync(lake, () => WriteBig(Path.Combine(lake.Path, "landing", "ambities", "groot.csv"),
            "instellingscode,indicator,basisjaar,startwaarde,streefwaarde_2027,tolerantie\n", 50L << 20, (byte)'x'),
            "larger than the configured limit of 262144 bytes", "quarantine/bronze/ambities/ambities/");
    }

    [TestMethod]
    public async Task Eight_thousand_bad_ambition_lines_give_a_capped_error_list_in_manifest_reason_and_alert()
    {
        using var lake = await ReliabilityLake.WithOneGoodRunAsync();
        using var tmp = new Infrastructure.TempDirectory();
        var file = Path.Combine(tmp.Path, "ambities.csv");
        using (var w = new StreamWriter(file))
        {
            w.Write("instellingscode,indicator,basisjaar,startwaarde,streefwaarde_2027,tolerantie\n");
            for (var i = 0; i < 8_000; i++) w.Write($"25LH,onb{i},20x,a,b,c\n"); // just under the 256 KiB limit
        }
        var r = await lake.RefreshAsync("--ambitions", file);
        Assert.AreEqual(1, r.ExitCode, r.ToString());
        AssertWithinMemory(r);
        var manifest = lake.Files("_runs").Last();
        Assert.IsLessThan(200_000L, new FileInfo(Path.Combine(lake.Path, manifest)).Length, "the manifest stays small");
        // Ambitions are judged at the landing door: the refusal is the ambitions upload's bronze stage.
        var refused = (await lake.LastRunAsync()).Stages.Single(s => s.Stage == "bronze" && (s.Dataset ?? "").Contains("ambities", StringComparison.Ordinal));
        Assert.IsLessThanOrEqualTo(Capped.MaxItems + 1, refused.Errors.Count);
        Assert.IsTrue(refused.Errors.Concat([refused.Message ?? ""]).Any(e => e.Contains("more", StringComparison.Ordinal)),
            (refused.Message ?? "") + "\n" + string.Join("\n", refused.Errors));
        var reason = lake.Files("quarantine").Single(f => f.EndsWith(".reason.txt", StringComparison.Ordinal));
        Assert.IsLessThan(100_000L, new FileInfo(Path.Combine(lake.Path, reason)).Length);
        StringAssert.Contains(File.ReadAllText(Path.Combine(lake.Path, reason)), "more");
        var state = File.ReadAllText(Path.Combine(lake.Path, "_state", "alerts", "state.json"));
        Assert.IsLessThan(2_000_000, state.Length, "operator alert text capped");

        var again = await lake.RefreshAsync("--ambitions", file);
        Assert.HasCount(2, lake.Files("quarantine"), again.ToString());
    }

    [TestMethod]
    public async Task Alerts_raised_without_a_channel_wait_and_are_sent_once_a_channel_is_configured()
    {
        using var lake = await ReliabilityLake.WithOneGoodRunAsync();
        var state = JsonNode.Parse(File.ReadAllText(Path.Combine(lake.Path, "_state", "alerts", "state.json")))!;
        var waiting = state["outbox"]!.AsArray().Count(i => i!["channel"]!.GetValue<string>() == "unrouted:directie");
        Assert.AreEqual(1, waiting, "the good run had alerts and no channel: its one digest waits");

        using var hook = WireMockServer.Start();
        hook.Given(Request.Create().WithPath("/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        var env = new Dictionary<string, string?> { ["Alerts__Webhook__Url"] = hook.Urls[0] + "/hook" };
        var before = lake.Snapshot("silver", "gold");
        var r = await lake.RefreshAsync(env);
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        AssertWithinMemory(r);
        Assert.AreEqual(1, hook.LogEntries.Count(), "the waiting digest sent once");
        var current = await Pipeline.Core.Tables.GoldTableStore.ReadAlertsAsync(new Pipeline.Core.Lake.FileSystemLake(lake.Path));
        CollectionAssert.AreEquivalent(current.Select(a => a.AlertId).ToList(), DigestCards.AlertIds(DigestCards.Accepted(hook).Single()),
            "each current alert in it once");
        state = JsonNode.Parse(File.ReadAllText(Path.Combine(lake.Path, "_state", "alerts", "state.json")))!;
        Assert.IsEmpty(state["outbox"]!.AsArray());
        lake.AssertSilverAndGoldIntact(before);

        var second = await lake.RefreshAsync(env);
        Assert.AreEqual(0, second.ExitCode, second.ToString());
        Assert.AreEqual(waiting, hook.LogEntries.Count(), "a second run sends nothing again");
    }

    [TestMethod]
    public async Task A_webhook_answering_500_never_writes_its_secret_path_or_query_to_the_lake_or_the_log()
    {
        using var lake = await ReliabilityLake.WithOneGoodRunAsync();
        using var hook = WireMockServer.Start();
        hook.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(500));
        const string token = "S3cr3tT0kenInPath", sig = "S1gnatureInQuery";
        var env = new Dictionary<string, string?>
        {
            ["Alerts__Webhook__Url"] = $"{hook.Urls[0]}/webhookb2/{token}/IncomingWebhook?sig={sig}",
            ["Logging__LogLevel__Default"] = "Trace",
        };
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var r = await lake.RefreshAsync(env);
            Assert.AreEqual(1, r.ExitCode, r.ToString());
            StringAssert.Contains(r.Output, "answered 500", r.ToString());
            StringAssert.Contains(r.Output, hook.Urls[0], "scheme and host name the channel");
            AssertWithinMemory(r);
            foreach (var secret in new[] { token, sig })
            {
                Assert.IsNull(lake.FileContaining(secret), $"a lake file holds '{secret}'");
                Assert.DoesNotContain(secret, r.Output + r.Error);
            }
        }
        Assert.IsGreaterThan(0, hook.LogEntries.Count());
        var alerts = (await lake.LastRunAsync()).Stages.Single(s => s.Stage == "alerts");
        Assert.AreEqual(StageStatuses.Failed, alerts.Status);
    }

    [TestMethod]
    public async Task Two_concurrent_sample_refreshes_on_one_lake_both_succeed_and_leave_it_consistent()
    {
        using var tmp = new Infrastructure.TempDirectory();
        var runs = await Task.WhenAll(
            ChildPipeline.RunAsync(["refresh", "--sample", "--lake", tmp.Path], timeout: TimeSpan.FromMinutes(5)),
            ChildPipeline.RunAsync(["refresh", "--sample", "--lake", tmp.Path], timeout: TimeSpan.FromMinutes(5)));
        foreach (var r in runs)
        {
            Assert.AreEqual(0, r.ExitCode, r.ToString());
            AssertWithinMemory(r);
        }
        var third = await ChildPipeline.RunAsync(["refresh", "--sample", "--lake", tmp.Path]);
        Assert.AreEqual(0, third.ExitCode, third.ToString());
        StringAssert.Contains(third.Output, "0 fetched", "the two runs left raw complete: nothing new to fetch");
        Assert.IsFalse(Directory.Exists(Path.Combine(tmp.Path, "quarantine")), "nothing quarantined by the race");
    }

    [TestMethod]
    public async Task Staging_left_by_a_killed_run_is_removed_by_the_next_run_and_a_live_one_is_kept()
    {
        using var lake = await ReliabilityLake.WithOneGoodRunAsync();
        using var staging = new Infrastructure.TempDirectory();
        var dead = Path.Combine(staging.Path, $"pipeline-table-999999999-{Guid.NewGuid():N}");
        var live = Path.Combine(staging.Path, $"pipeline-table-{Environment.ProcessId}-{Guid.NewGuid():N}");
        foreach (var d in new[] { dead, live })
        {
            Directory.CreateDirectory(d);
            File.WriteAllText(Path.Combine(d, "2024.parquet"), "partial");
        }
        var r = await lake.RefreshAsync(new Dictionary<string, string?> { ["Silver__StagingDirectory"] = staging.Path });
        Assert.AreEqual(0, r.ExitCode, r.ToString());
        AssertWithinMemory(r);
        Assert.IsFalse(Directory.Exists(dead), "a dead process's staging is swept");
        Assert.IsTrue(Directory.Exists(live), "a live process's staging is left alone");
        Assert.HasCount(1, Directory.GetFileSystemEntries(staging.Path), "the run cleaned up its own staging");
    }

    [TestMethod]
    public async Task A_child_killed_mid_silver_leaves_staging_that_the_next_run_sweeps()
    {
        using var tmp = new Infrastructure.TempDirectory();
        using var staging = new Infrastructure.TempDirectory();
        var env = new Dictionary<string, string?> { ["Silver__StagingDirectory"] = staging.Path };
        var killed = await ChildPipeline.RunAsync(["refresh", "--sample", "--lake", tmp.Path], env,
            killWhen: () => Task.FromResult(Directory.EnumerateDirectories(staging.Path, "pipeline-table-*").Any()));
        Assert.IsTrue(killed.Killed, killed.ToString());
        var next = await ChildPipeline.RunAsync(["refresh", "--sample", "--lake", tmp.Path], env);
        Assert.AreEqual(0, next.ExitCode, next.ToString());
        AssertWithinMemory(next);
        Assert.IsEmpty(Directory.GetFileSystemEntries(staging.Path), "nothing left behind");
    }
}
