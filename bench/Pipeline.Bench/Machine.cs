using System.Globalization;
using System.Runtime.InteropServices;

namespace Pipeline.Bench;

/// <summary>What the numbers were measured on: cores, memory, CPU, OS and .NET, for every report.</summary>
public static class Machine
{
    public static object Describe() => new
    {
        cores = Environment.ProcessorCount,
        ram_mb = MemInfo("MemTotal") / 1024,
        cpu = CpuModel(),
        os = RuntimeInformation.OSDescription,
        dotnet = RuntimeInformation.FrameworkDescription,
        load_average = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
    };

    private static long MemInfo(string key)
    {
        if (!File.Exists("/proc/meminfo")) return 0;
        var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static string? CpuModel() => File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        : null;
}
