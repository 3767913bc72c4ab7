using System.Diagnostics;
using System.Text;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Reliability;

/// <summary>
/// Hostile and mistaken uploads against a lake holding one good run, each through a child <c>pipeline refresh</c>:
/// refused at the door with its reason, kept once in quarantine, reported once, the previous silver, gold and
/// ambitions in force intact, and a second run that adds nothing.
/// </summary>
[TestClass]
public sealed class UploadDoorReliabilityTests
{
    private const string AmbitiesHeader = "instellingscode,indicator,basisjaar,startwaarde,streefwaarde_2027,tolerantie";

    public static string Sample(params string[] parts) => Path.Combine([RepoRoot.Find(), "samples", .. parts]);

    private static byte[] Content(string kind) => kind switch
    {
        "job-wrong-header" => Encoding.UTF8.GetBytes("instelling,jaar,thema,vraag,percentage\n25LH,2024,veiligheid,x,80\n"),
        "job-csv-as-xlsx" => File.ReadAllBytes(Sample("job", "job-monitor-2022.csv")),
        "job-html" => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Inloggen vereist</body></html>"),
        "job-txt" => File.ReadAllBytes(Sample("job", "job-monitor-2022.csv")),
        "ambities-header-only" => Encoding.UTF8.GetBytes(AmbitiesHeader + "\n"),
        "ambities-150-percent" => Encoding.UTF8.GetBytes(AmbitiesHeader + "\n25LH,aandeel_bbl,2022,18,150,\n"),
        "ambities-mark-42" => Encoding.UTF8.GetBytes(AmbitiesHeader + "\n25LH,job_rapportcijfer_opleiding,2022,6.5,42,\n"),
        "ambities-negative-count" => Encoding.UTF8.GetBytes(AmbitiesHeader + "\nNL,vsv_landelijk,2022,-5,18000,\n"),
        "ambities-formula" => Encoding.UTF8.GetBytes(AmbitiesHeader + "\n\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",aandeel_bbl,2022,18,24,\n"),
        "ambities-at-formula" => Encoding.UTF8.GetBytes(AmbitiesHeader + "\n@SUM(A1),aandeel_bbl,2022,18,24,\n"),
        "ambities-plus" => Encoding.UTF8.GetBytes(AmbitiesHeader + "\n+31LH,aandeel_bbl,2022,18,24,\n"),
        "ambities-bad-code" => Encoding.UTF8.GetBytes(AmbitiesHeader + "\nROC1,aandeel_bbl,2022,18,24,\n"),
        "ambities-wrong-header" => Encoding.UTF8.GetBytes("instellingscode,indicator,basisjaar,startwaarde,streefwaarde_2027\n25LH,aandeel_bbl,2022,18,24\n"),
        _ => throw new ArgumentException(kind),
    };

    [TestMethod]
    [DataRow("job", "fout.csv", "job-wrong-header", "the header must be", DisplayName = "JOB csv with the wrong header")]
    [DataRow("job", "resultaten.xlsx", "job-csv-as-xlsx", "xlsx", DisplayName = "JOB xlsx that is really a CSV")]
    [DataRow("job", "login.csv", "job-html", "HTML", DisplayName = "JOB upload that is an HTML login page")]
    [DataRow("job", "resultaten.txt", "job-txt", "'.txt' files are not accepted", DisplayName = "JOB upload with an extension the folder does not take")]
    [DataRow("ambities", "ambities-2027.csv", "ambities-header-only", "geen enkele ambitie", DisplayName = "ambitions: header only")]
    [DataRow("ambities", "ambities-2027.csv", "ambities-150-percent", "buiten het bereik van '%'", DisplayName = "ambitions: 150 %")]
    [DataRow("ambities", "ambities-2027.csv", "ambities-mark-42", "buiten het bereik van 'cijfer (1–10)'", DisplayName = "ambitions: report mark 42")]
    [DataRow("ambities", "ambities-2027.csv", "ambities-negative-count", "buiten het bereik van 'aantal'", DisplayName = "ambitions: negative count")]
    [DataRow("ambities", "ambities-2027.csv", "ambities-formula", "begint met '='", DisplayName = "ambitions: =HYPERLINK as instellingscode")]
    [DataRow("ambities", "ambities-2027.csv", "ambities-at-formula", "begint met '@'", DisplayName = "ambitions: @SUM as instellingscode")]
    [DataRow("ambities", "ambities-2027.csv", "ambities-plus", "begint met '+'", DisplayName = "ambitions: +31LH as instellingscode")]
    [DataRow("ambities", "ambities-2027.csv", "ambities-bad-code", "geen DUO-instellingscode", DisplayName = "ambitions: ROC1 is not an instellingscode")]
    [DataRow("ambities", "ambities-2027.csv", "ambities-wrong-header", "de kopregel moet precies", DisplayName = "ambitions: wrong header")]
    public async Task A_refused_upload_is_quarantined_once_with_its_reason_and_the_previous_lake_stays(string folder, string name, string kind, string reason)
    {
        using var lake = await InputCaseLake.GoodRunAsync();
        var silver = lake.Files("silver/");
        var trajecten = lake.GoldPartitions("trajecten");
        var alerts = lake.GoldPartitions("alerts");
        var inForce = lake.Text("_state/ambities/current.json");
        var reported = await lake.ReportedAsync();
        var landed = lake.Upload(folder, name, Content(kind));

        var r = await lake.RefreshAsync();

        Assert.AreEqual(1, r.ExitCode, r.ToString());
        StringAssert.Contains(r.Output, reason, r.ToString());
        StringAssert.Contains(r.Output, $"landing/{folder}/{name}: rejected", r.ToString());
        Assert.IsFalse(File.Exists(landed), "the upload left landing");
        CollectionAssert.AreEquivalent(silver.ToList(), lake.Files("silver/").ToList(), "silver untouched");
        CollectionAssert.AreEqual(trajecten.ToList(), lake.GoldPartitions("trajecten").ToList(), "no gold/trajecten partition lost");
        CollectionAssert.AreEqual(alerts.ToList(), lake.GoldPartitions("alerts").ToList(), "no gold/alerts partition lost");
        Assert.AreEqual(inForce, lake.Text("_state/ambities/current.json"), "the ambitions in force stay in force");
        var reasons = lake.Reasons();
        StringAssert.Contains(reasons, reason);
        StringAssert.Contains(reasons, $"source: landing/{folder}/{name}");
        Assert.AreEqual(reported + 1, await lake.ReportedAsync(), "one operator alert");

        await lake.AssertSecondRunAddsNothingAsync();

        // The same bytes uploaded again are kept and reported once (content-addressed quarantine).
        var quarantined = lake.QuarantineCount();
        lake.Upload(folder, name, Content(kind));
        var again = await lake.RefreshAsync();
        Assert.AreEqual(1, again.ExitCode, again.ToString());
        Assert.AreEqual(quarantined, lake.QuarantineCount(), "kept once");
        Assert.AreEqual(reported + 1, await lake.ReportedAsync(), "reported once");
    }

    [TestMethod]
    public async Task A_symlink_in_landing_is_never_followed_and_is_refused_with_its_reason()
    {
        using var lake = await InputCaseLake.GoodRunAsync();
        var silver = lake.Files("silver/");
        var reported = await lake.ReportedAsync();
        var link = Path.Combine(lake.Root, "landing", "job", "passwd.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, "/etc/passwd");

        var r = await lake.RefreshAsync();

        Assert.AreEqual(1, r.ExitCode, r.ToString());
        StringAssert.Contains(r.Output, "a symbolic link, not a regular file", r.ToString());
        Assert.IsFalse(File.Exists(link) || new FileInfo(link).LinkTarget is not null, "the link left landing");
        Assert.IsTrue(File.Exists("/etc/passwd"), "its target is untouched");
        foreach (var f in Directory.EnumerateFiles(lake.Root, "*", SearchOption.AllDirectories))
            Assert.IsFalse(File.ReadAllText(f).Contains("root:x:0:0", StringComparison.Ordinal), $"{f} holds the link's target");
        StringAssert.Contains(lake.Reasons(), "landing/job/passwd.csv' is refused: it is a symbolic link");
        CollectionAssert.AreEquivalent(silver.ToList(), lake.Files("silver/").ToList());
        Assert.AreEqual(reported + 1, await lake.ReportedAsync());
        await lake.AssertSecondRunAddsNothingAsync();
    }

    [TestMethod]
    public async Task A_symlinked_directory_in_landing_is_not_entered()
    {
        using var lake = await InputCaseLake.GoodRunAsync();
        var outside = Directory.CreateTempSubdirectory("pipeline-outside-").FullName;
        File.Copy(UploadDoorReliabilityTests.Sample("job", "job-monitor-2022.csv"), Path.Combine(outside, "geheim.csv"));
        Directory.CreateDirectory(Path.Combine(lake.Root, "landing", "job"));
        Directory.CreateSymbolicLink(Path.Combine(lake.Root, "landing", "job", "map"), outside);
        try
        {
            var r = await lake.RefreshAsync();

            Assert.AreEqual(1, r.ExitCode, r.ToString());
            StringAssert.Contains(r.Output, "landing/job/map' is refused: it is a symbolic link", r.ToString());
            Assert.IsTrue(File.Exists(Path.Combine(outside, "geheim.csv")), "nothing outside the lake is moved or deleted");
            StringAssert.Contains(lake.Reasons(), "landing/job/map");
            await lake.AssertSecondRunAddsNothingAsync();
        }
        finally { Directory.Delete(outside, recursive: true); }
    }

    [TestMethod]
    public async Task A_FIFO_in_landing_does_not_hang_the_run_and_is_refused()
    {
        using var lake = await InputCaseLake.GoodRunAsync();
        var fifo = Path.Combine(lake.Root, "landing", "job", "pipe.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(fifo)!);
        using (var mk = Process.Start("mkfifo", [fifo])) await mk.WaitForExitAsync();
        var reported = await lake.ReportedAsync();

        var r = await lake.RefreshAsync();

        Assert.AreEqual(1, r.ExitCode, r.ToString());
        StringAssert.Contains(r.Output, "a named pipe (FIFO), not a regular file", r.ToString());
        Assert.IsFalse(File.Exists(fifo), "the FIFO left landing");
        StringAssert.Contains(lake.Reasons(), "landing/job/pipe.csv' is refused: it is a named pipe");
        Assert.AreEqual(reported + 1, await lake.ReportedAsync());
        await lake.AssertSecondRunAddsNothingAsync();
    }

    [TestMethod]
    [DataRow("resultaten\n2023.csv", "resultaten\\u000A2023.csv", "control character U+000A", DisplayName = "name with a newline")]
    [DataRow("resultaten\u00012023.csv", "resultaten\\u00012023.csv", "control character U+0001", DisplayName = "name with U+0001")]
    [DataRow("upload\\job.csv", "upload\\job.csv", "backslashes are not allowed", DisplayName = "name with a backslash")]
    public async Task A_name_the_lake_cannot_store_is_quarantined_under_a_safe_name_with_the_original_in_the_reason(string name, string shown, string problem)
    {
        using var lake = await InputCaseLake.GoodRunAsync();
        var silver = lake.Files("silver/");
        var reported = await lake.ReportedAsync();
        var content = Encoding.UTF8.GetBytes(File.ReadAllText(UploadDoorReliabilityTests.Sample("job", "job-monitor-2022.csv")).Replace(",2022,", ",2023,"));
        var landed = lake.Upload("job", name, content);

        var r = await lake.RefreshAsync();

        Assert.AreEqual(1, r.ExitCode, r.ToString());
        StringAssert.Contains(r.Output, problem, r.ToString());
        Assert.IsFalse(File.Exists(landed), "the upload left landing");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        var kept = lake.PathOf($"quarantine/bronze/job/job-monitor/{sha}.csv");
        CollectionAssert.AreEqual(content, File.ReadAllBytes(kept), "kept whole under its content hash");
        var reason = File.ReadAllText(kept + ".reason.txt");
        StringAssert.Contains(reason, $"original name: 'landing/job/{shown}'");
        StringAssert.Contains(reason, problem);
        CollectionAssert.AreEquivalent(silver.ToList(), lake.Files("silver/").ToList());
        Assert.AreEqual(reported + 1, await lake.ReportedAsync());
        await lake.AssertSecondRunAddsNothingAsync();
    }

    [TestMethod]
    public async Task An_upload_above_MaxBytes_is_moved_whole_into_quarantine_and_the_other_uploads_of_the_batch_go_through()
    {
        using var lake = await InputCaseLake.GoodRunAsync();
        var env = new Dictionary<string, string?> { ["Sources__Http__MaxBytes"] = "200000" };
        var big = new StringBuilder(File.ReadAllText(UploadDoorReliabilityTests.Sample("job", "job-monitor-2022.csv")).Replace(",2022,", ",2021,"));
        while (big.Length < 400_000) big.Append("25LH,2021,veiligheid,Ik voel me veilig op school,2865,80.1,\n");
        var bytes = Encoding.UTF8.GetBytes(big.ToString());
        var landed = lake.Upload("job", "groot.csv", bytes);
        var good = Encoding.UTF8.GetBytes(File.ReadAllText(UploadDoorReliabilityTests.Sample("job", "job-monitor-2022.csv")).Replace(",2022,", ",2023,"));
        lake.Upload("job", "goed-2023.csv", good);
        var reported = await lake.ReportedAsync();

        var r = await lake.RefreshAsync(environment: env);

        Assert.AreEqual(1, r.ExitCode, r.ToString());
        StringAssert.Contains(r.Output, "larger than the configured limit of 200000 bytes", r.ToString());
        Assert.IsFalse(File.Exists(landed));
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var kept = lake.PathOf($"quarantine/bronze/job/job-monitor/{sha}.csv");
        Assert.AreEqual(bytes.Length, new FileInfo(kept).Length, "never truncated");
        StringAssert.Contains(File.ReadAllText(kept + ".reason.txt"), "Sources:Http:MaxBytes");
        CollectionAssert.Contains(lake.SilverPartitions("job_monitor").ToList(), "jaar=2023", "the good upload of the same batch reached silver");
        Assert.AreEqual(reported + 1, await lake.ReportedAsync());

        var names = lake.Names();
        var again = await lake.RefreshAsync(environment: env);
        Assert.AreEqual(0, again.ExitCode, again.ToString());
        CollectionAssert.AreEqual(names.ToList(), lake.Names().ToList());
    }
}
