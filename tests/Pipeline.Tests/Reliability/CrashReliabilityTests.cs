using System.Text;
using System.Text.Json;
using Pipeline.Tests.Sources;
using WireMock.Server;

namespace Pipeline.Tests.Reliability;

/// <summary>
/// A child <c>pipeline refresh</c> killed with SIGKILL at several points (uploads in raw but not in silver, halfway
/// through silver, during gold), then a second run: every accepted upload ends in silver, <c>status</c> names what was
/// owed in between, and a third run adds nothing. Also: inputs in force follow the pointers (an earlier ambitions file
/// uploaded again, a DUO file reverted to earlier content).
/// </summary>
[TestClass]
public sealed class CrashReliabilityTests
{
    private static byte[] JobYear(int jaar) =>
        Encoding.UTF8.GetBytes(File.ReadAllText(UploadDoorReliabilityTests.Sample("job", "job-monitor-2022.csv")).Replace(",2022,", $",{jaar},"));

    private static DateTime Modified(InputCaseLake lake, string name) =>
        File.Exists(lake.PathOf(name)) ? File.GetLastWriteTimeUtc(lake.PathOf(name)) : DateTime.MinValue;

    public static IEnumerable<object[]> KillPoints =>
    [
        ["after the uploads reached raw, before silver"],
        ["halfway through silver (one upload loaded)"],
        ["during gold"],
    ];

    [TestMethod]
    [DynamicData(nameof(KillPoints))]
    public async Task Killed_mid_run_the_next_run_loads_every_accepted_upload(string point)
    {
        using var lake = await InputCaseLake.GoodRunAsync();
        var rawBefore = Directory.GetFiles(lake.PathOf("raw/job/job-monitor"), "*", SearchOption.AllDirectories).Length;
        var stateBefore = Modified(lake, "_state/silver/job_monitor.json");
        var goldBefore = Modified(lake, "gold/indicatoren/jaar=2022/part-0.parquet");
        lake.Upload("job", "a-2023.csv", JobYear(2023));
        lake.Upload("job", "b-2025.csv", JobYear(2025));
        Func<Task<bool>> when = point switch
        {
            "after the uploads reached raw, before silver" => () => Task.FromResult(
                Directory.GetFiles(lake.PathOf("raw/job/job-monitor"), "*", SearchOption.AllDirectories).Length >= rawBefore + 4),
            "halfway through silver (one upload loaded)" => () => Task.FromResult(Modified(lake, "_state/silver/job_monitor.json") != stateBefore),
            _ => () => Task.FromResult(Modified(lake, "gold/indicatoren/jaar=2022/part-0.parquet") != goldBefore),
        };

        var killed = await lake.RefreshAsync(killWhen: when);

        Assert.IsTrue(killed.Killed, killed.ToString());
        Assert.AreNotEqual(0, killed.ExitCode);
        var between = await lake.StatusAsync();
        Assert.AreEqual(1, between.ExitCode, "status does not say OK after a crash:\n" + between);

        var next = await lake.RefreshAsync();

        Assert.AreEqual(0, next.ExitCode, next.ToString());
        var years = lake.SilverPartitions("job_monitor");
        foreach (var jaar in new[] { "jaar=2022", "jaar=2023", "jaar=2024", "jaar=2025" })
            CollectionAssert.Contains(years.ToList(), jaar, $"{point}: every upload is in silver");
        Assert.IsEmpty(Directory.GetFiles(lake.PathOf("landing/job")), "landing is empty");
        var status = await lake.StatusAsync();
        Assert.AreEqual(0, status.ExitCode, status.ToString());
        StringAssert.Contains(status.Output, "Status: OK");
        using var state = JsonDocument.Parse(lake.Text("_state/silver/job_monitor.json"));
        Assert.AreEqual(4, state.RootElement.GetProperty("inputs").GetArrayLength(), "the table stands for all four uploads");
        await lake.AssertSecondRunAddsNothingAsync();
    }

    [TestMethod]
    public async Task Killed_after_an_ambitions_upload_moved_the_pointer_the_next_run_puts_it_in_force()
    {
        using var lake = await InputCaseLake.GoodRunAsync();
        var pointer = lake.Text("_state/raw/ambities/ambities/current.json");
        var changed = Encoding.UTF8.GetBytes(File.ReadAllText(UploadDoorReliabilityTests.Sample("ambities", "ambities.csv")).Replace("25LH,aandeel_bbl,2022,18.0,24.0,", "25LH,aandeel_bbl,2022,18.0,30.0,"));
        lake.Upload("ambities", "ambities-v2.csv", changed);

        var killed = await lake.RefreshAsync(killWhen: () => Task.FromResult(lake.Text("_state/raw/ambities/ambities/current.json") != pointer));
        Assert.IsTrue(killed.Killed, killed.ToString());

        var next = await lake.RefreshAsync();

        Assert.AreEqual(0, next.ExitCode, next.ToString());
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(changed));
        StringAssert.Contains(lake.Text("_state/ambities/current.json"), sha, "the pointer's file is in force");
        await lake.AssertSecondRunAddsNothingAsync();
    }

    [TestMethod]
    public async Task An_earlier_ambitions_file_uploaded_again_is_in_force_again()
    {
        using var lake = await InputCaseLake.GoodRunAsync();
        var original = File.ReadAllBytes(UploadDoorReliabilityTests.Sample("ambities", "ambities.csv"));
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(original).Replace("25LH,aandeel_bbl,2022,18.0,24.0,", "25LH,aandeel_bbl,2022,18.0,30.0,"));
        lake.Upload("ambities", "ambities.csv", changed);
        Assert.AreEqual(0, (await lake.RefreshAsync()).ExitCode);
        StringAssert.Contains(lake.Text("_state/ambities/current.json"), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(changed)));
        var rawFiles = Directory.GetFiles(lake.PathOf("raw/ambities"), "*", SearchOption.AllDirectories).Length;

        lake.Upload("ambities", "ambities (oud).csv", original);
        var r = await lake.RefreshAsync();

        Assert.AreEqual(0, r.ExitCode, r.ToString());
        StringAssert.Contains(r.Output, "same content as an earlier upload, which is current again", r.ToString());
        StringAssert.Contains(lake.Text("_state/ambities/current.json"), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(original)));
        Assert.AreEqual(rawFiles, Directory.GetFiles(lake.PathOf("raw/ambities"), "*", SearchOption.AllDirectories).Length, "raw holds each content once");
        await lake.AssertSecondRunAddsNothingAsync();
    }

    [TestMethod]
    public async Task Ambitions_given_with_the_option_go_through_the_door_and_stay_in_force_on_later_runs()
    {
        using var lake = await InputCaseLake.GoodRunAsync();
        using var files = new Pipeline.Tests.Infrastructure.TempDirectory();
        var bad = Path.Combine(files.Path, "slecht.csv");
        File.WriteAllText(bad, "instellingscode,indicator,basisjaar,startwaarde,streefwaarde_2027,tolerantie\n25LH,aandeel_bbl,2022,18,150,\n");
        var inForce = lake.Text("_state/ambities/current.json");

        var refused = await lake.RefreshAsync(extra: ["--ambitions", bad]);

        Assert.AreEqual(1, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Output, "buiten het bereik", refused.ToString());
        Assert.AreEqual(inForce, lake.Text("_state/ambities/current.json"));
        StringAssert.Contains(lake.Reasons(), "source: landing/ambities/slecht.csv");

        var good = Path.Combine(files.Path, "goed.csv");
        File.WriteAllText(good, File.ReadAllText(UploadDoorReliabilityTests.Sample("ambities", "ambities.csv")).Replace("18.0,24.0,", "18.0,26.0,"));
        Assert.AreEqual(0, (await lake.RefreshAsync(extra: ["--ambitions", good])).ExitCode);
        var accepted = lake.Text("_state/ambities/current.json");
        Assert.AreNotEqual(inForce, accepted);
        await lake.AssertSecondRunAddsNothingAsync();
        Assert.AreEqual(accepted, lake.Text("_state/ambities/current.json"), "still in force without the option");
    }

    [TestMethod]
    public async Task DUO_serving_earlier_content_again_makes_it_current_and_silver_follows()
    {
        using var server = WireMockServer.Start();
        var portal = new DuoPortal(server);
        portal.Serve();
        using var lake = InputCaseLake.Empty();
        var env = new Dictionary<string, string?> { ["Sources__Duo__BaseUrl"] = portal.Url, ["Sources__Cbs__Enabled"] = "false" };
        var first = await lake.RefreshAsync(sample: false, environment: env);
        Assert.AreEqual(0, first.ExitCode, first.ToString());
        var original = portal.Packages[DuoPortal.Gediplomeerden][0];
        var shaA = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(original.Csv)));
        StringAssert.Contains(lake.Text("_state/silver/gediplomeerde_mbo_studenten.json"), shaA);

        portal.Packages[DuoPortal.Gediplomeerden][0] = original with { Csv = original.Csv.Replace(",5,17,", ",6,18,") };
        portal.Serve();
        var second = await lake.RefreshAsync(sample: false, environment: env);
        Assert.AreEqual(0, second.ExitCode, second.ToString());
        Assert.IsFalse(lake.Text("_state/silver/gediplomeerde_mbo_studenten.json").Contains(shaA, StringComparison.Ordinal));

        portal.Packages[DuoPortal.Gediplomeerden][0] = original; // DUO retracts the publication
        portal.Serve();
        var reverted = await lake.RefreshAsync(sample: false, environment: env);

        Assert.AreEqual(0, reverted.ExitCode, reverted.ToString());
        StringAssert.Contains(reverted.Output, "content seen before; pointer moved back to it", reverted.ToString());
        StringAssert.Contains(lake.Text("_state/raw/duo/gediplomeerde-mbo-studenten/current.json"), shaA);
        StringAssert.Contains(lake.Text("_state/silver/gediplomeerde_mbo_studenten.json"), shaA, "silver follows the revert");
        var status = await lake.StatusAsync();
        Assert.AreEqual(0, status.ExitCode, status.ToString());
        StringAssert.Contains(status.Output, "current with silver", "gold follows silver");

        var names = lake.Names();
        var again = await lake.RefreshAsync(sample: false, environment: env);
        Assert.AreEqual(0, again.ExitCode, again.ToString());
        CollectionAssert.AreEqual(names.ToList(), lake.Names().ToList(), "a further run adds nothing");
    }
}
