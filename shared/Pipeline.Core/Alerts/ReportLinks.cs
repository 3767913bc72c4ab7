using Pipeline.Core.Report;

namespace Pipeline.Core.Alerts;

/// <summary>
/// Where a digest entry points: the institution's report page (<see cref="InstitutionPage.Href"/>) under
/// <c>Alerts:ReportBaseUrl</c> (where <c>reports/</c> is published), or else the page's path in the lake.
/// </summary>
public sealed class ReportLinks(Uri? baseUrl)
{
    private readonly Uri? _base = baseUrl is null ? null
        : baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    public string For(string instellingscode) =>
        _base is null
            ? $"{Lake.LakeZones.Reports}/{InstitutionPage.Href(instellingscode)}"
            : new Uri(_base, InstitutionPage.Href(instellingscode)).AbsoluteUri;

    /// <summary>The report's overview page beside an institution page link made by <see cref="For"/>; null for another link.</summary>
    public static string? OverviewNextTo(string institutionLink, string instellingscode)
    {
        var page = InstitutionPage.Href(instellingscode);
        return institutionLink.EndsWith(page, StringComparison.Ordinal) ? institutionLink[..^page.Length] + ReportRenderer.IndexFile : null;
    }
}
