namespace Pipeline.Core.Lake;

/// <summary>
/// A held lake lock (<see cref="ILakeStore.AcquireLockAsync"/>). <see cref="Token"/> is the caller's token, cancelled
/// as well when the lock is lost before it is released (a blob lease that could not be renewed): from then on another
/// run may hold it, so the critical section must stop instead of publishing alongside it.
/// </summary>
public interface ILakeLock : IAsyncDisposable
{
    CancellationToken Token { get; }
}
