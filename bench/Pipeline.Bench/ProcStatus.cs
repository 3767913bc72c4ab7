using System.Globalization;

namespace Pipeline.Bench;

/// <summary>
/// Peak resident set size from <c>/proc/{pid}/status</c> (<c>VmHWM</c>, the kernel's high-water mark): the whole
/// process, managed heap and native memory alike (DuckDB, Parquet buffers), since it started.
/// </summary>
public static class ProcStatus
{
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
