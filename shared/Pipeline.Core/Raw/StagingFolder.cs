using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Pipeline.Core.Raw;

/// <summary>
/// Names of the pipeline's temp files and folders (staged downloads, silver's Parquet staging, key spills, xlsx
/// spools): <c>pipeline-{kind}-{pid}-{id}</c>. They are deleted when done, but a killed process deletes nothing; the
/// next run's <see cref="Sweep"/> removes those whose process is gone, and never touches a live process's files.
/// </summary>
public static partial class StagingFolder
{
    public static string NewName(string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"pipeline-{kind}-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>A new temp file path in <paramref name="directory"/> (the temp folder by default).</summary>
    public static string NewFile(string kind, string? directory = null) =>
        Path.Combine(directory ?? Path.GetTempPath(), NewName(kind) + ".tmp");

    /// <summary>Deletes what dead pipeline processes left in <paramref name="directories"/>; returns how many entries went.</summary>
    public static int Sweep(ILogger? log, params string?[] directories)
    {
        var removed = 0;
        foreach (var dir in directories.OfType<string>().Distinct())
        {
            if (!Directory.Exists(dir)) continue;
            foreach (var entry in Directory.EnumerateFileSystemEntries(dir, "pipeline-*"))
            {
                var m = Owned().Match(Path.GetFileName(entry));
                if (!m.Success || IsAlive(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))) continue;
                try
                {
                    if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                    else File.Delete(entry);
                    removed++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    log?.LogWarning("Could not remove the leftover staging entry {Entry}: {Error}", entry, e.Message);
                }
            }
        }
        if (removed > 0) log?.LogInformation("Removed {Count} staging entries left by killed runs", removed);
        return removed;
    }

    private static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        if (OperatingSystem.IsLinux()) return Directory.Exists($"/proc/{pid}");
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    [GeneratedRegex(@"^pipeline-[a-z]+-(\d{1,9})-[0-9a-f]{32}(\.tmp)?$")]
    private static partial Regex Owned();
}
