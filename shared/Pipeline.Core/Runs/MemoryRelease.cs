using System.Runtime;
using System.Runtime.InteropServices;

namespace Pipeline.Core.Runs;

/// <summary>
/// Gives memory the process no longer uses back to the operating system. Between the large stages of one run (bronze →
/// silver → gold → report) what a stage left behind is garbage, but it stays in the process and the next stage's peak
/// is stacked on top of it: background collections sweep without compacting, so freed managed memory stays committed,
/// native objects (SkiaSharp's, in the report's charts) are freed only when their finalizers run, and memory the native
/// libraries freed stays in glibc's per-thread arenas until they are trimmed.
/// </summary>
public static class MemoryRelease
{
    public static void Now()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (OperatingSystem.IsLinux()) TrimNativeHeap();
    }

    private static void TrimNativeHeap()
    {
        try { MallocTrim(0); }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { /* not glibc (musl): nothing to trim */ }
    }

    // DllImport, not LibraryImport: the source-generated form needs unsafe code enabled for the whole project.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
