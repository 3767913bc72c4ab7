namespace Pipeline.Core.Sources.Uploads;

/// <summary>A landing folder for files without an API, and where its uploads go in raw.</summary>
/// <param name="Accumulate">Every accepted upload stays in the dataset's pointer (results arrive per year/institution).</param>
/// <param name="RequiredHeader">When set, the first row must be exactly these columns (case-insensitive, trimmed).</param>
public sealed record UploadFolder(string Folder, string Label, string Bron, string Dataset, IReadOnlyList<string> Extensions,
    bool Accumulate, IReadOnlyList<string>? RequiredHeader);

public static class UploadFolders
{
    /// <summary>
    /// JOB-monitor per-institution results, the project's own format (CSV UTF-8 comma-separated, or .xlsx with the same
    /// header on the first sheet; empty cells are null). thema: veiligheid, stagebegeleiding, opleiding, …
    /// </summary>
    public static readonly IReadOnlyList<string> JobMonitorHeader =
        ["instellingscode", "jaar", "thema", "vraag", "respondenten", "percentage_positief", "rapportcijfer"];

    public static readonly UploadFolder Job = new("landing/job/", "JOB-monitor", "job", "job-monitor", ["csv", "xlsx"], true, JobMonitorHeader);

    /// <summary>Ambitions 2027: one CSV maintained by the ministry; the latest upload replaces the previous one. The gold stage validates its columns.</summary>
    public static readonly UploadFolder Ambities = new("landing/ambities/", "ambities", "ambities", "ambities", ["csv"], false, null);

    /// <summary>Every landing folder: the uploads declared in <see cref="Datasets.DatasetCatalog"/>.</summary>
    public static IReadOnlyList<UploadFolder> All => Datasets.DatasetCatalog.All.Select(d => d.Upload).OfType<UploadFolder>().ToList();

    public static UploadFolder? For(string landingName) =>
        All.FirstOrDefault(f => landingName.StartsWith(f.Folder, StringComparison.Ordinal));
}
