using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pipeline.Core.Observability;

/// <summary>
/// Traces and metrics of the pipeline, on the BCL's ActivitySource and Meter so Core needs no telemetry SDK; the host
/// subscribes with OpenTelemetry (Azure Monitor when configured, console otherwise).
/// </summary>
public static class PipelineTelemetry
{
    public const string Name = "Pipeline";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Rows = Meter.CreateCounter<long>("pipeline.rows", "{row}", "Rows written by a stage");
    public static readonly Counter<long> Bytes = Meter.CreateCounter<long>("pipeline.bytes", "By", "Bytes stored by a stage");
    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("pipeline.failures", "{failure}", "Failed stages");
    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("pipeline.stage.duration", "ms", "Stage durations");

    /// <summary>Tags shared by spans, metrics and log scopes: run id, stage, dataset.</summary>
    public static TagList Tags(string runId, string stage, string? dataset) =>
        new() { { "run_id", runId }, { "stage", stage }, { "dataset", dataset ?? "" } };
}
