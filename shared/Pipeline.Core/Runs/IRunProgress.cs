namespace Pipeline.Core.Runs;

/// <summary>
/// How far a run is, for someone watching it (the CLI's status line). Not a record: the run manifest and the logs
/// are that. Calls may come from several threads at once (bronze fetches DUO and CBS side by side), so a sink must
/// be thread-safe and cheap; it must not throw.
/// </summary>
public interface IRunProgress
{
    /// <param name="dataset">The dataset (bronze: <c>{bron}/{dataset}</c>; silver: the dataset) or null for a stage over all of them.</param>
    void StageStarted(string stage, string? dataset);

    /// <param name="status">The stage's <see cref="StageStatuses"/> value.</param>
    void StageFinished(string stage, string? dataset, string status);

    /// <summary>Bytes of a download so far; <paramref name="total"/> is the Content-Length when the server sent one.</summary>
    void BytesDone(string stage, string? dataset, long done, long? total);

    /// <summary>Rows read so far (called throttled, see <see cref="RowProgress"/>).</summary>
    void RowsDone(string stage, string? dataset, long rows);
}

/// <summary>Progress nobody watches: the default, and what the function host uses (its logs carry the stages).</summary>
public sealed class NoRunProgress : IRunProgress
{
    public static readonly NoRunProgress Instance = new();

    public void StageStarted(string stage, string? dataset) { }
    public void StageFinished(string stage, string? dataset, string status) { }
    public void BytesDone(string stage, string? dataset, long done, long? total) { }
    public void RowsDone(string stage, string? dataset, long rows) { }
}
