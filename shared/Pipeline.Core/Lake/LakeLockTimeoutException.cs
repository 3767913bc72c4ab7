namespace Pipeline.Core.Lake;

/// <summary>
/// A lake lock stayed held by another run for the whole wait. Not a fault of the file being processed: a trigger that
/// meets it lets the host retry later without counting an attempt (see <c>AttemptGuard</c>).
/// </summary>
public sealed class LakeLockTimeoutException(string lockName, string location, TimeSpan waited)
    : TimeoutException($"Lock '{lockName}' on the lake at {location} is held by another run; waited {waited}.")
{
    public string LockName { get; } = lockName;
}
