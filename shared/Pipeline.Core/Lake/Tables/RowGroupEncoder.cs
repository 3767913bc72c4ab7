namespace Pipeline.Core.Lake.Tables;

/// <summary>
/// Encodes, compresses and writes sealed row groups on other threads while the caller goes on producing rows. Row
/// groups of different files are independent, so up to <c>workers</c> of them are encoded at once (a DUO file feeds
/// five year partitions at a time; with one encoder thread the rows waited for it a third of the run); row groups of
/// one file run one after another in the order they were queued, so each file gets its row groups in row order. At most
/// <c>capacity</c> row groups wait besides those being encoded: a producer that outpaces the encoders waits instead of
/// piling up row groups. The first failure stops the rest: queued jobs are skipped and the next enqueue rethrows it.
/// </summary>
internal sealed class RowGroupEncoder
{
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _workers;
    private readonly CancellationTokenSource _abandon = new();
    private readonly Dictionary<object, Task> _lastOfFile = new(ReferenceEqualityComparer.Instance);
    private readonly List<Task> _running = [];
    private Exception? _failure;

    public RowGroupEncoder(int capacity, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 0);
        _workers = new SemaphoreSlim(workers);
        _slots = new SemaphoreSlim(capacity + workers);
    }

    /// <summary>Queues one row group of <paramref name="file"/>; waits while the queue is full; rethrows an earlier failure.</summary>
    public async ValueTask EnqueueAsync(object file, Func<CancellationToken, Task> job, CancellationToken ct)
    {
        ThrowIfFailed();
        await _slots.WaitAsync(ct);
        ThrowIfFailed();
        var previous = _lastOfFile.GetValueOrDefault(file) ?? Task.CompletedTask;
        // On a pool thread: the caller goes back to producing rows at once.
        var task = Task.Run(() => RunAfterAsync(previous, job));
        _lastOfFile[file] = task;
        _running.RemoveAll(t => t.IsCompleted);
        _running.Add(task);
    }

    /// <summary>Waits until every queued row group is written; rethrows an encoding failure.</summary>
    public async Task DrainAsync()
    {
        await Task.WhenAll(_running);
        ThrowIfFailed();
    }

    /// <summary>Abandons queued row groups (error path) and waits for the workers to stop; failures are not rethrown.</summary>
    public async Task AbandonAsync()
    {
        _abandon.Cancel();
        await Task.WhenAll(_running);
        _abandon.Dispose();
    }

    private async Task RunAfterAsync(Task previous, Func<CancellationToken, Task> job)
    {
        try
        {
            await previous; // the file's earlier row group; it never throws (failures are recorded)
            if (_failure is not null || _abandon.IsCancellationRequested) return;
            await _workers.WaitAsync();
            try
            {
                if (_failure is null && !_abandon.IsCancellationRequested) await job(_abandon.Token);
            }
            finally { _workers.Release(); }
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, e, null);
        }
        finally { _slots.Release(); }
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } e) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
    }
}
