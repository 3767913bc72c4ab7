using System.Globalization;

namespace Pipeline.Core.Runs;

/// <summary>
/// Peak resident set size from <c>/proc/{pid}/status</c> (<c>VmHWM</c>, the kernel's high-water mark): the whole
/// process, managed heap and native memory alike (DuckDB, Parquet buffers), since it started; and its CPU time. Linux
/// only (null elsewhere): the bench and the reliability tests read it of the child processes they start.
/// </summary>
public static class ProcStatus
{
    /// <summary>
    /// CPU time (user + system, seconds) the process has used so far, from <c>/proc/{pid}/stat</c>: on a shared machine
    /// it is steadier than wall time, which includes the time spent waiting for a core.
    /// </summary>
    public static double? CpuSeconds(string pid = "self")
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of stat (utime, stime), counted from the state field (3) after the command name.
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / 100.0; // USER_HZ is 100 on Linux
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    public static long? PeakResidentBytes(string pid = "self")
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
