using System.Runtime;

namespace Pipeline.Core.Lake.Tables;

/// <summary>
/// Keeps the memory the garbage collector holds near a limit while a long table is written. Texts that live as long as
/// their row group are promoted to the old generation and die there; background collections sweep without compacting,
/// so the freed space stays committed as fragmentation and, with memory to spare on the machine, the working set grows
/// with the input instead of the budget (measured: 85 MB live, 372 MB heap at 200 MB of input). Checked once per
/// sealed row group: past the limit, one full compacting collection. Never again before the committed memory grows by
/// a sixteenth of the limit, so a live set above the limit cannot make it collect on every row group.
/// </summary>
internal sealed class HeapGuard(long limitBytes)
{
    private long _next;

    public void Check()
    {
        if (GC.GetGCMemoryInfo().TotalCommittedBytes < Math.Max(_next, limitBytes)) return;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        _next = GC.GetGCMemoryInfo().TotalCommittedBytes + limitBytes / 16;
    }
}
