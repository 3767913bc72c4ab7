namespace Pipeline.Core.Report;

/// <summary>The whole report as files: <c>index.html</c> and one <c>instelling/{code}.html</c> per institution with a trajectory.</summary>
public static class ReportRenderer
{
    public const string IndexFile = "index.html";

    /// <summary>Relative path → HTML, index first.</summary>
    public static IReadOnlyList<(string Path, string Html)> Render(ReportData data)
    {
        var pages = new List<(string, string)> { (IndexFile, IndexPage.Render(data)) };
        foreach (var code in data.Instellingen) pages.Add((InstitutionPage.Href(code), InstitutionPage.Render(data, code)));
        return pages;
    }
}
