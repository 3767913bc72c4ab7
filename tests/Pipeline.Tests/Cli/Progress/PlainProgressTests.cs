using System.Text.RegularExpressions;
using Pipeline.Cli.Progress;
using Pipeline.Tests.Orchestration;

namespace Pipeline.Tests.Cli.Progress;

/// <summary><see cref="PlainProgress"/>: what CI and log files get, timestamped lines without control characters or spam.</summary>
[TestClass]
public sealed class PlainProgressTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static string[] Lines(StringWriter output) => output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    [TestMethod]
    public void A_large_download_in_81920_byte_chunks_prints_a_line_per_tenth_and_no_carriage_returns()
    {
        var output = new StringWriter();
        var progress = new PlainProgress(output, new ManualClock(Start));
        const long total = 138_000_000;
        progress.StageStarted("bronze", "duo/instromende-mbo-studenten");
        var calls = 0;
        for (long done = 81920; ; done = Math.Min(total, done + 81920))
        {
            progress.BytesDone("bronze", "duo/instromende-mbo-studenten", done, total);
            calls++;
            if (done == total) break;
        }
        progress.StageFinished("bronze", "duo/instromende-mbo-studenten", "succeeded");

        var lines = Lines(output);
        Assert.IsTrue(calls > 1600, $"{calls} chunks");
        Assert.IsLessThanOrEqualTo(12, lines.Length, string.Join("\n", lines));
        var text = output.ToString().Replace(Environment.NewLine, "\n", StringComparison.Ordinal);
        Assert.IsFalse(text.Contains('\r', StringComparison.Ordinal) || text.Contains('\u001b', StringComparison.Ordinal), "no line rewriting");
        Assert.IsTrue(lines.All(l => Regex.IsMatch(l, @"^\d\d:\d\d:\d\d bronze · duo/instromende-mbo-studenten · ")),
            string.Join("\n", lines));
        StringAssert.EndsWith(lines[0], "· started");
        StringAssert.EndsWith(lines[^2], "· 138,0 / 138,0 MB");
        StringAssert.EndsWith(lines[^1], "· succeeded");
        Assert.AreEqual(10, lines.Count(l => l.EndsWith(" / 138,0 MB", StringComparison.Ordinal)), "one line per tenth");
    }

    [TestMethod]
    public void A_small_download_prints_only_its_start_and_end()
    {
        var output = new StringWriter();
        var progress = new PlainProgress(output, new ManualClock(Start));
        progress.StageStarted("bronze", "cbs/85368NED");
        progress.BytesDone("bronze", "cbs/85368NED", 40_000, 40_000);
        progress.BytesDone("bronze", "cbs/85368NED", 30_000, 30_000);
        progress.StageFinished("bronze", "cbs/85368NED", "succeeded");

        CollectionAssert.AreEqual(new[] { "bronze · cbs/85368NED · started", "bronze · cbs/85368NED · succeeded" },
            Lines(output).Select(l => l[9..]).ToArray());
    }

    [TestMethod]
    public void Rows_and_downloads_without_a_size_print_at_most_every_5_seconds()
    {
        var output = new StringWriter();
        var clock = new ManualClock(Start);
        var progress = new PlainProgress(output, clock);
        progress.StageStarted("silver", "instromende_mbo_studenten");
        progress.StageStarted("bronze", "duo/x");
        for (var i = 1; i <= 40; i++) // 40 updates a second apart: one line per 5 s each
        {
            clock.Now += TimeSpan.FromSeconds(1);
            progress.RowsDone("silver", "instromende_mbo_studenten", i * 65_536L);
            progress.BytesDone("bronze", "duo/x", i * 1_000_000L, null);
        }

        var lines = Lines(output).Select(l => l[9..]).ToList();
        Assert.AreEqual(8, lines.Count(l => l.EndsWith(" rijen", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.AreEqual(8, lines.Count(l => l.EndsWith(" MB", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.Contains("silver · instromende_mbo_studenten · 2.621.440 rijen", lines);
        Assert.Contains("bronze · duo/x · 40,0 MB", lines);
    }
}
