namespace Pipeline.Core.Tables;

/// <summary>
/// The <c>bron</c> column of the gold tables, <c>&lt;bron&gt;/&lt;dataset&gt;@sha256:&lt;raw sha256&gt;</c>: the raw file a
/// value came from. One format, written and read here.
/// </summary>
public sealed record SourceLabel(string Bron, string Dataset, string RawSha256)
{
    private const string Marker = "@sha256:";

    public override string ToString() => $"{Bron}/{Dataset}{Marker}{RawSha256}";

    /// <summary>The parts of a label; an empty or foreign text gives empty parts, never an exception.</summary>
    public static SourceLabel Parse(string? label)
    {
        if (string.IsNullOrEmpty(label)) return new("", "", "");
        var at = label.IndexOf(Marker, StringComparison.Ordinal);
        var name = at < 0 ? label : label[..at];
        var sha = at < 0 ? "" : label[(at + Marker.Length)..];
        var slash = name.IndexOf('/');
        return slash < 0 ? new(name, "", sha) : new(name[..slash], name[(slash + 1)..], sha);
    }
}
