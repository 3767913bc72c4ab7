using System.Threading.Channels;

namespace Pipeline.Core.Lake.Tables;

/// <summary>
/// Encodes, compresses and writes sealed row groups on a second thread while the caller goes on producing rows: a
/// bounded channel between them, so a producer that outpaces the encoder waits instead of piling up row groups (at
/// most <c>capacity</c> queued plus the one being encoded). Jobs run one at a time in the order they were queued,
/// so each file gets its row groups in row order. The first failure closes the channel: the next enqueue rethrows it.
/// </summary>
internal sealed class RowGroupEncoder
{
    private readonly Channel<Func<CancellationToken, Task>> _jobs;
    private readonly Task _worker;
    private readonly CancellationTokenSource _abandon = new();

    public RowGroupEncoder(int capacity)
    {
        _jobs = Channel.CreateBounded<Func<CancellationToken, Task>>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait,
        });
        _worker = Task.Run(RunAsync);
    }

    public async ValueTask EnqueueAsync(Func<CancellationToken, Task> job, CancellationToken ct)
    {
        try
        {
            await _jobs.Writer.WriteAsync(job, ct);
        }
        catch (ChannelClosedException)
        {
            await _worker; // rethrows the encoder's failure
            throw;
        }
    }

    /// <summary>Waits until every queued row group is written; rethrows an encoding failure.</summary>
    public async Task DrainAsync()
    {
        _jobs.Writer.TryComplete();
        await _worker;
    }

    /// <summary>Abandons queued row groups (error path) and waits for the worker to stop; failures are not rethrown.</summary>
    public async Task AbandonAsync()
    {
        _abandon.Cancel();
        _jobs.Writer.TryComplete();
        try { await _worker; } catch (Exception) { /* the files are being discarded */ }
        _abandon.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var job in _jobs.Reader.ReadAllAsync())
            {
                _abandon.Token.ThrowIfCancellationRequested();
                await job(_abandon.Token);
            }
        }
        catch (Exception e)
        {
            _jobs.Writer.TryComplete(e);
            throw;
        }
    }
}
