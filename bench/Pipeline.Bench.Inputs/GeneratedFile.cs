namespace Pipeline.Bench.Inputs;

/// <summary>
/// One file of a generated snapshot, relative to its root (the <c>samples/</c> layout), with what the real source has
/// for it where source-formats.md documents it.
/// </summary>
public sealed record GeneratedFile(string Path, string? Resource, long Rows, long Bytes, long? RealRows = null, long? RealBytes = null);
