using Pipeline.Cli.Progress;
using Pipeline.Tests.Orchestration;

namespace Pipeline.Tests.Cli.Progress;

/// <summary><see cref="StatusLine"/>: the terminal's one line, rewritten in place and cleared before other output.</summary>
[TestClass]
public sealed class StatusLineTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void Each_update_rewrites_the_same_line_and_clear_erases_it_before_the_summary()
    {
        var output = new StringWriter();
        var clock = new ManualClock(Start);
        var line = new StatusLine(output, 120, clock);

        line.StageStarted("bronze", "duo/instromende-mbo-studenten");
        clock.Now += TimeSpan.FromSeconds(1);
        line.BytesDone("bronze", "duo/instromende-mbo-studenten", 41_200_000, 138_000_000);
        clock.Now += TimeSpan.FromSeconds(1);
        line.StageStarted("silver", "instromende_mbo_studenten");
        clock.Now += TimeSpan.FromSeconds(1);
        line.RowsDone("silver", "instromende_mbo_studenten", 1_234_567);
        line.Clear();
        output.WriteLine("Run 1: succeeded");

        var frames = output.ToString().Split(StatusLine.Erase);
        CollectionAssert.AreEqual(new[]
        {
            "", "bronze · duo/instromende-mbo-studenten", "bronze · duo/instromende-mbo-studenten · 41,2 / 138,0 MB",
            "silver · instromende_mbo_studenten", "silver · instromende_mbo_studenten · 1.234.567 rijen",
            "Run 1: succeeded" + Environment.NewLine,
        }, frames, output.ToString());
    }

    [TestMethod]
    public void Updates_within_100_ms_are_not_drawn_but_the_next_one_shows_the_newest_figure()
    {
        var output = new StringWriter();
        var clock = new ManualClock(Start);
        var line = new StatusLine(output, 120, clock);
        line.StageStarted("bronze", "duo/x");
        for (var mb = 1; mb <= 1000; mb++) line.BytesDone("bronze", "duo/x", mb * 100_000L, 100_000_000);
        clock.Now += TimeSpan.FromMilliseconds(150);
        line.BytesDone("bronze", "duo/x", 100_000_000, 100_000_000);

        var frames = output.ToString().Split(StatusLine.Erase, StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.AreEqual(new[] { "bronze · duo/x", "bronze · duo/x · 100,0 / 100,0 MB" }, frames);
    }

    [TestMethod]
    public void A_log_line_gets_a_line_of_its_own_and_the_status_line_comes_back_below_it()
    {
        var output = new StringWriter();
        var line = new StatusLine(output, 120, new ManualClock(Start));
        line.StageStarted("gold", null);
        line.WriteLine("warn: Pipeline.Core.Gold[0] something");

        var e = StatusLine.Erase;
        Assert.AreEqual($"{e}gold{e}warn: Pipeline.Core.Gold[0] something{Environment.NewLine}{e}gold", output.ToString());
    }

    [TestMethod]
    public void A_line_wider_than_the_terminal_is_cut_so_it_does_not_wrap()
    {
        var output = new StringWriter();
        var line = new StatusLine(output, 20, new ManualClock(Start));
        line.StageStarted("silver", "instromende_mbo_studenten_vooropleiding");

        var frame = output.ToString()[StatusLine.Erase.Length..];
        Assert.IsTrue(frame.Length < 20, frame);
        Assert.AreEqual("silver · instromen…", frame);
    }
}
