using Pipeline.Core.Silver;

namespace Pipeline.Tests.Silver;

[TestClass]
public sealed class RowHandoffTests
{
    [TestMethod]
    public async Task RowsReachTheConsumerInSourceOrderThroughAFewReusedBlocks()
    {
        var seen = new List<int>();
        var blocks = new HashSet<RowBatch>(ReferenceEqualityComparer.Instance);
        var handoff = new RowHandoff((rows, _) =>
        {
            blocks.Add(rows);
            for (var i = 0; i < rows.Count; i++) seen.Add((int)rows[i][0]!);
            return ValueTask.CompletedTask;
        });
        const int n = 10 * RowHandoff.BlockRows + 7;

        for (var i = 0; i < n; i++)
        {
            handoff.Current.Add(i);
            await handoff.RecordDoneAsync(CancellationToken.None);
        }
        await handoff.CompleteAsync(CancellationToken.None);

        CollectionAssert.AreEqual(Enumerable.Range(0, n).ToList(), seen);
        Assert.IsLessThanOrEqualTo(3, blocks.Count, "the blocks are reused, not one per hand-over");
    }

    [TestMethod]
    public async Task AConsumerFailureIsRethrownToTheProducer()
    {
        var handoff = new RowHandoff((_, _) => throw new IOException("disk full"));

        var e = await Assert.ThrowsExactlyAsync<IOException>(async () =>
        {
            for (var i = 0; i < 10 * RowHandoff.BlockRows; i++)
            {
                handoff.Current.Add(i);
                await handoff.RecordDoneAsync(CancellationToken.None);
            }
            await handoff.CompleteAsync(CancellationToken.None);
        });
        Assert.AreEqual("disk full", e.Message);
    }

    [TestMethod]
    public async Task AbandoningStopsTheConsumerAndDropsTheQueuedRows()
    {
        var consumed = 0;
        var release = new TaskCompletionSource();
        var handoff = new RowHandoff(async (rows, ct) =>
        {
            await release.Task.WaitAsync(ct);
            Interlocked.Add(ref consumed, rows.Count);
        });
        for (var i = 0; i < RowHandoff.BlockRows; i++) handoff.Current.Add(i);
        await handoff.RecordDoneAsync(CancellationToken.None);

        await handoff.AbandonAsync();
        release.SetResult();

        Assert.AreEqual(0, consumed);
    }
}
