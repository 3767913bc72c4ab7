using Pipeline.Bench.Latency;
using Pipeline.Bench.RealSize;
using Pipeline.Bench.Silver;

// dotnet run -c Release --project bench/Pipeline.Bench -- <mode> [options]; see bench/README.md.
//   silver [--mb 200]   real-size [--scale 10|0]   latency [--runs 5]
// silver-child and duckdb-child are the processes the silver mode measures.
var mode = args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal) ? "silver" : args[0];
var rest = args.Length > 0 && args[0] == mode ? args[1..] : args;
try
{
    return mode switch
    {
        "silver" => await SilverBench.RunAsync(rest),
        "silver-child" => await SilverChild.RunAsync(rest),
        "duckdb-child" => DuckDbChild.Run(rest),
        "real-size" => await RealSizeBench.RunAsync(rest),
        "latency" => await LatencyBench.RunAsync(rest),
        _ => throw new ArgumentException($"unknown mode '{mode}'; modes: silver, real-size, latency"),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
