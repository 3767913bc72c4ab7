using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Raw;
using Pipeline.Core.Runs;
using Pipeline.Core.Sources.Uploads;

namespace Pipeline.Tests.Sources;

[TestClass]
public sealed class UploadIngestorTests
{
    private static async Task Upload(BronzeHarness h, string name, byte[] content)
    {
        await using var ms = new MemoryStream(content);
        await h.Lake.WriteAsync(LakePath.Parse(name), ms);
    }

    [TestMethod]
    public async Task A_JOB_monitor_CSV_upload_moves_into_raw_with_its_uploaded_name()
    {
        using var h = new BronzeHarness();
        var csv = await File.ReadAllBytesAsync(Path.Combine(BronzeHarness.Samples, "job", "job-monitor-2022.csv"));
        await Upload(h, "landing/job/resultaten 2022.csv", csv);

        var manifest = await h.Services().GetRequiredService<PipelineService>().IngestUploadAsync("landing/job/resultaten 2022.csv");

        var stage = manifest.Stages.Single();
        Assert.AreEqual(StageStatuses.Succeeded, stage.Status, string.Join(";", stage.Errors));
        Assert.AreEqual("job/job-monitor", stage.Dataset);
        var pointer = (await h.CurrentAsync("job", "job-monitor"))!;
        CollectionAssert.AreEqual(csv, await h.ReadBytesAsync(pointer.Path));
        var sidecar = (await RawWriter.ReadSidecarAsync(h.Lake, LakePath.Parse(pointer.Sidecar)))!;
        Assert.AreEqual("resultaten 2022.csv", sidecar.UploadedName);
        Assert.IsNotNull(sidecar.UploadedAt);
        Assert.IsFalse(await h.Lake.ExistsAsync(LakePath.Parse("landing/job/resultaten 2022.csv")));
    }

    [TestMethod]
    public async Task A_JOB_monitor_xlsx_is_accepted_and_its_first_sheet_reads_as_the_documented_columns()
    {
        using var h = new BronzeHarness();
        var xlsx = await File.ReadAllBytesAsync(Path.Combine(BronzeHarness.Samples, "job", "job-monitor-2024.xlsx"));
        await Upload(h, "landing/job/job-monitor-2024.xlsx", xlsx);

        var result = await h.Services().GetRequiredService<Pipeline.Core.Sources.BronzeService>()
            .IngestUploadAsync(LakePath.Parse("landing/job/job-monitor-2024.xlsx"));

        Assert.AreEqual(Pipeline.Core.Sources.SourceStatus.Fetched, result.Status, result.Reason);
        StringAssert.EndsWith(result.RawPath, ".xlsx");
        await using var s = await h.Lake.OpenReadAsync(LakePath.Parse(result.RawPath!));
        var rows = XlsxSheetReader.ReadFirstSheet(s).ToList();
        CollectionAssert.AreEqual(UploadFolders.JobMonitorHeader.ToArray(), rows[0]);
        Assert.AreEqual(46, rows.Count, "header + 15 institutions × 3 questions");
        Assert.AreEqual("2024", rows[1][1]);
        Assert.IsNull(rows[1][6], "empty cells are null");
    }

    [TestMethod]
    public async Task An_upload_with_the_wrong_header_is_quarantined_with_the_reason_and_nothing_enters_raw()
    {
        using var h = new BronzeHarness();
        await Upload(h, "landing/job/fout.csv", Encoding.UTF8.GetBytes("instelling,jaar,thema,vraag,percentage\n25LH,2024,veiligheid,x,80\n"));

        var result = await h.Services().GetRequiredService<Pipeline.Core.Sources.BronzeService>().IngestUploadAsync(LakePath.Parse("landing/job/fout.csv"));

        Assert.AreEqual(Pipeline.Core.Sources.SourceStatus.Failed, result.Status);
        StringAssert.Contains(result.Reason, "landing/job/fout.csv");
        StringAssert.Contains(result.Reason, "line 1");
        StringAssert.Contains(result.Reason, "missing: instellingscode, respondenten, percentage_positief, rapportcijfer");
        Assert.AreEqual(0, (await h.FilesAsync("raw/")).Count);
        Assert.AreEqual(2, (await h.FilesAsync("quarantine/bronze/job/job-monitor/")).Count);
        Assert.AreEqual(0, (await h.FilesAsync("landing/")).Count);
    }

    [TestMethod]
    public async Task An_ambitions_CSV_upload_replaces_the_current_file_instead_of_accumulating()
    {
        using var h = new BronzeHarness();
        var bronze = h.Services().GetRequiredService<Pipeline.Core.Sources.BronzeService>();
        await Upload(h, "landing/ambities/ambities.csv", Encoding.UTF8.GetBytes("instellingscode,indicator,basisjaar,startwaarde,streefwaarde_2027,tolerantie\n25LH,aandeel_bbl,2022,18,24,\n"));
        await bronze.IngestUploadAsync(LakePath.Parse("landing/ambities/ambities.csv"));
        await Upload(h, "landing/ambities/ambities.csv", Encoding.UTF8.GetBytes("instellingscode,indicator,basisjaar,startwaarde,streefwaarde_2027,tolerantie\n25LH,aandeel_bbl,2022,18,25,\n"));
        var second = await bronze.IngestUploadAsync(LakePath.Parse("landing/ambities/ambities.csv"));

        Assert.AreEqual(Pipeline.Core.Sources.SourceStatus.Fetched, second.Status, second.Reason);
        var pointer = (await h.CurrentAsync("ambities", "ambities"))!;
        Assert.AreEqual(1, pointer.Files.Count);
        Assert.AreEqual(second.RawPath, pointer.Path);
        Assert.AreEqual(4, (await h.FilesAsync("raw/ambities/")).Count, "both versions stay in raw (immutable), with sidecars");
    }

    [TestMethod]
    public async Task The_upload_header_check_reads_CSV_quoting_a_quoted_comma_is_one_column_and_a_quoted_newline_in_a_row_is_fine()
    {
        using var h = new BronzeHarness();
        var bronze = h.Services().GetRequiredService<Pipeline.Core.Sources.BronzeService>();
        await Upload(h, "landing/job/goed.csv", Encoding.UTF8.GetBytes(
            "\"instellingscode\",\"jaar\",\"thema\",\"vraag\",\"respondenten\",\"percentage_positief\",\"rapportcijfer\"\n" +
            "25LH,2024,veiligheid,\"Voel je je veilig,\nop school?\",400,81.5,\n"));
        var good = await bronze.IngestUploadAsync(LakePath.Parse("landing/job/goed.csv"));
        Assert.AreEqual(Pipeline.Core.Sources.SourceStatus.Fetched, good.Status, good.Reason);

        await Upload(h, "landing/job/fout.csv", Encoding.UTF8.GetBytes(
            "instellingscode,jaar,\"thema,vraag\",respondenten,percentage_positief,rapportcijfer\n25LH,2024,\"veiligheid,x\",400,81.5,\n"));
        var bad = await bronze.IngestUploadAsync(LakePath.Parse("landing/job/fout.csv"));
        Assert.AreEqual(Pipeline.Core.Sources.SourceStatus.Failed, bad.Status);
        StringAssert.Contains(bad.Reason, "landing/job/fout.csv");
        StringAssert.Contains(bad.Reason, "line 1");
        StringAssert.Contains(bad.Reason, "missing: thema, vraag; unexpected: thema,vraag");
    }
}
