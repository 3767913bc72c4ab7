namespace Pipeline.Core.Report;

/// <summary>The whole report as files: <c>index.html</c> and one <c>instelling/{code}.html</c> per institution with a trajectory.</summary>
public static class ReportRenderer
{
    public const string IndexFile = "index.html";

    /// <summary>
    /// Relative path → HTML, index first: the pages one at a time, each rendered when asked for, so a writer holds one
    /// page, not the report.
    /// </summary>
    public static IEnumerable<(string Path, string Html)> Pages(ReportData data)
    {
        yield return (IndexFile, IndexPage.Render(data));
        foreach (var code in data.Instellingen) yield return (InstitutionPage.Href(code), InstitutionPage.Render(data, code));
    }
}
