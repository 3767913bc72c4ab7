namespace Pipeline.Core.Lake;

/// <summary>
/// A file the listing of a prefix leaves out because the lake cannot hand it out as a <see cref="LakeEntry"/>: it is
/// not a regular file (a symbolic link, FIFO or device, judged without following links), or its name is one
/// <see cref="LakePath"/> refuses (a control character, a backslash, too long). <see cref="Name"/> is the name as the
/// backend holds it, which may contain exactly those characters.
/// </summary>
public sealed record Stray(string Name, FileKind Kind, string Problem)
{
    public bool IsRegularFile => Kind == FileKind.Regular;
}

/// <summary>
/// A backend on which files can appear that were not written through the lake (a directory an operator or a mount
/// fills): it lists them, so that the upload door can refuse them visibly instead of skipping them for ever.
/// </summary>
public interface IStrayFiles
{
    IAsyncEnumerable<Stray> ListStraysAsync(string prefix, CancellationToken ct = default);

    /// <summary>Opens a stray that is a regular file (with a name the lake refuses); never a link, FIFO or device.</summary>
    Task<Stream> OpenStrayAsync(Stray stray, CancellationToken ct = default);

    /// <summary>Removes the directory entry itself (a link is unlinked, its target untouched).</summary>
    Task RemoveStrayAsync(Stray stray, CancellationToken ct = default);
}
