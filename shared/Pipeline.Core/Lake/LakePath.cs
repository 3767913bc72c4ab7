namespace Pipeline.Core.Lake;

/// <summary>
/// A validated, lake-relative name such as <c>raw/duo/x/2026-11-23/ab12.csv</c>. Both backends accept only these,
/// so a name can never escape the lake root (no <c>..</c>, no absolute path, no control characters).
/// </summary>
public readonly record struct LakePath
{
    public string Value { get; }

    private LakePath(string value) => Value = value;

    public static LakePath Parse(string name)
    {
        var problem = Validate(name);
        if (problem is not null)
            throw new InvalidLakePathException(name, problem);
        return new LakePath(name);
    }

    public static bool TryParse(string name, out LakePath path)
    {
        path = Validate(name) is null ? new LakePath(name) : default;
        return path.Value is not null;
    }

    /// <summary>The first segment: <c>raw</c>, <c>silver</c>, <c>gold</c>, <c>landing</c>, <c>quarantine</c>, <c>_runs</c>, …</summary>
    public string Zone => Value[..IndexOfSlashOrEnd(Value)];

    /// <summary>The rest after the zone ("" for a bare zone).</summary>
    public string WithinZone => Value.Length > Zone.Length ? Value[(Zone.Length + 1)..] : "";

    public string FileName => Value[(Value.LastIndexOf('/') + 1)..];

    public bool IsRaw => Zone == LakeZones.Raw;

    public LakePath Combine(string relative) => Parse(Value + "/" + relative);

    public override string ToString() => Value;

    public static implicit operator string(LakePath p) => p.Value;

    private static int IndexOfSlashOrEnd(string s)
    {
        var i = s.IndexOf('/');
        return i < 0 ? s.Length : i;
    }

    private static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "the name is empty";
        if (name.Length > 1024) return "the name is longer than 1024 characters";
        if (name[0] == '/' || name.Contains(":\\") || name.Contains(":/") || Path.IsPathRooted(name))
            return "absolute paths are not allowed";
        if (name.Contains('\\')) return "backslashes are not allowed; use '/'";
        foreach (var c in name)
            if (char.IsControl(c)) return $"control character U+{(int)c:X4} is not allowed";
        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0) return "empty path segment ('//' or a trailing '/')";
            if (segment is "." or "..") return $"'{segment}' segments are not allowed";
        }
        return null;
    }
}

public sealed class InvalidLakePathException(string name, string reason)
    : ArgumentException($"Invalid lake name '{Escape(name)}': {reason}.")
{
    public string Name { get; } = name;
    public string Reason { get; } = reason;

    private static string Escape(string? s) =>
        s is null ? "" : string.Concat(s.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
