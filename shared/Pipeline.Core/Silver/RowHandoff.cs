using System.Threading.Channels;

namespace Pipeline.Core.Silver;

/// <summary>
/// Mapped rows handed from the thread that reads and maps records to a second thread that consumes them (checks and
/// writes), so reading a file and checking its rows use two cores. Rows travel in blocks of a few thousand: a fixed
/// number of <see cref="RowBatch"/>es circulate (one being filled, the rest queued or being consumed, then reused), so
/// memory is bounded by construction and a producer that outpaces the consumer waits. One consumer takes the blocks in
/// the order they were handed over, so rows reach it in source order. A consumer failure closes both channels: the
/// producer's next hand-over, or <see cref="CompleteAsync"/>, rethrows it.
/// </summary>
public sealed class RowHandoff
{
    /// <summary>Rows in a block before it is handed over: large enough that the hand-over costs nothing per row.</summary>
    public const int BlockRows = 4096;
    private const int Blocks = 3;

    private readonly Channel<RowBatch> _full = Channel.CreateBounded<RowBatch>(
        new BoundedChannelOptions(Blocks) { SingleReader = true, SingleWriter = true });
    private readonly Channel<RowBatch> _free = Channel.CreateBounded<RowBatch>(
        new BoundedChannelOptions(Blocks) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _abandon = new();
    private readonly Task _consumer;
    private bool _abandoned;

    /// <param name="consume">Called on the second thread for each block, in order; the block is reused afterwards.</param>
    public RowHandoff(Func<RowBatch, CancellationToken, ValueTask> consume)
    {
        for (var i = 1; i < Blocks; i++) _free.Writer.TryWrite(new RowBatch());
        Current = new RowBatch();
        _consumer = Task.Run(() => ConsumeAsync(consume));
    }

    /// <summary>The block the producer adds rows to.</summary>
    public RowBatch Current { get; private set; }

    /// <summary>Call after each source record: hands the block over once it is full and goes on with a free one.</summary>
    public ValueTask RecordDoneAsync(CancellationToken ct) => Current.Count >= BlockRows ? HandOverAsync(ct) : ValueTask.CompletedTask;

    /// <summary>Hands over the last rows and waits until every row is consumed; rethrows the consumer's failure.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        try
        {
            if (Current.Count > 0) await _full.Writer.WriteAsync(Current, ct);
        }
        catch (ChannelClosedException)
        {
            await _consumer;
            throw;
        }
        _full.Writer.TryComplete();
        await _consumer;
    }

    /// <summary>Error path: drops the queued rows and waits for the consumer to stop; its failures are not rethrown.</summary>
    public async Task AbandonAsync()
    {
        if (_abandoned) return;
        _abandoned = true;
        _abandon.Cancel();
        _full.Writer.TryComplete();
        try { await _consumer; } catch (Exception) { /* the rows are being discarded */ }
        _abandon.Dispose();
    }

    private async ValueTask HandOverAsync(CancellationToken ct)
    {
        try
        {
            await _full.Writer.WriteAsync(Current, ct);
            Current = await _free.Reader.ReadAsync(ct);
        }
        catch (ChannelClosedException)
        {
            await _consumer; // rethrows the consumer's failure
            throw;
        }
    }

    private async Task ConsumeAsync(Func<RowBatch, CancellationToken, ValueTask> consume)
    {
        try
        {
            await foreach (var block in _full.Reader.ReadAllAsync(_abandon.Token))
            {
                await consume(block, _abandon.Token);
                block.Clear();
                _free.Writer.TryWrite(block);
            }
        }
        catch (Exception e)
        {
            _full.Writer.TryComplete(e);
            _free.Writer.TryComplete(e);
            throw;
        }
    }
}
