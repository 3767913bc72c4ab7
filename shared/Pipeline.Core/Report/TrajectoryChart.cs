using System.Text.RegularExpressions;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Pipeline.Core.Report;

/// <summary>
/// Draws a <see cref="TrajectoryFigure"/> as SVG with ScottPlot: the tolerance band around the path from start value
/// to the 2027 target, provisional years shaded, each measured value as a marker whose colour and shape give its
/// status, and the suppression range (<c>waarde_min</c>–<c>waarde_max</c>) as an error bar.
/// </summary>
public static partial class TrajectoryChart
{
    public const int Width = 640;
    public const int Height = 340;

    /// <summary>
    /// The chart as an inline <c>&lt;svg&gt;</c> element with <c>role="img"</c> and <paramref name="ariaLabel"/>; ids are
    /// prefixed with <paramref name="idPrefix"/> so several charts can share one page.
    /// </summary>
    public static string Svg(TrajectoryFigure f, string ariaLabel, string idPrefix)
    {
        using var plot = new Plot();
        // The SVG names the font and the reader's browser draws the text: ask for a sans-serif one.
        plot.Font.Set("DejaVu Sans", FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal);
        var x0 = f.Basisjaar;
        var x1 = Gold.TrajectoryRules.Doeljaar;
        var pad = Color.FromHex(StatusStyle.PadHex);

        foreach (var p in f.Punten.Where(p => p.Voorlopig))
        {
            var span = plot.Add.HorizontalSpan(p.Jaar - 0.4, p.Jaar + 0.4, Colors.Gray.WithAlpha(0.18));
            span.LineWidth = 0;
        }

        var band = plot.Add.FillY([x0, x1], [f.Startwaarde - f.Tolerantie, f.Streefwaarde2027 - f.Tolerantie],
            [f.Startwaarde + f.Tolerantie, f.Streefwaarde2027 + f.Tolerantie]);
        band.FillColor = Color.FromHex(StatusStyle.BandHex).WithAlpha(0.3);
        band.LineWidth = 0;

        var path = plot.Add.Line(x0, f.Startwaarde, x1, f.Streefwaarde2027);
        path.Color = pad;
        path.LineWidth = 2;
        path.LinePattern = LinePattern.Dashed;
        plot.Add.Marker(x1, f.Streefwaarde2027, MarkerShape.OpenCircle, 12, pad);

        var ranged = f.Punten.Where(p => p.HeeftBereik).ToList();
        if (ranged.Count > 0)
        {
            var bars = plot.Add.ErrorBar(ranged.Select(p => (double)p.Jaar).ToList(), ranged.Select(p => p.Waarde!.Value).ToList(),
                ranged.Select(_ => 0d).ToList());
            bars.YErrorPositive = ranged.Select(p => p.WaardeMax!.Value - p.Waarde!.Value).ToList();
            bars.YErrorNegative = ranged.Select(p => p.Waarde!.Value - p.WaardeMin!.Value).ToList();
            bars.Color = Colors.Black;
            bars.LineWidth = 1.5f;
            bars.CapSize = 8;
        }

        foreach (var style in StatusStyle.All)
        {
            var points = f.Punten.Where(p => p.Status == style.Status && p.Waarde is not null).ToList();
            if (points.Count == 0) continue;
            var markers = plot.Add.Markers(points.Select(p => (double)p.Jaar).ToArray(), points.Select(p => p.Waarde!.Value).ToArray(),
                style.Shape, 13, style.Color);
            markers.MarkerLineWidth = 2;
        }

        var years = Enumerable.Range(x0, x1 - x0 + 1).ToArray();
        plot.Axes.Bottom.SetTicks(years.Select(y => (double)y).ToArray(),
            years.Select(y => f.Punten.Any(p => p.Jaar == y && p.Voorlopig) ? $"{y}\n(voorlopig)" : y.ToString(NlFormat.Culture)).ToArray());
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = v => NlFormat.Getal(v, f.Eenheid) };
        plot.Axes.SetLimitsX(x0 - 0.5, x1 + 0.5);
        plot.XLabel("jaar", 13);
        plot.YLabel(f.Eenheid.Length == 0 ? "waarde" : $"waarde ({f.Eenheid})", 13);

        return Inline(plot.GetSvgXml(Width, Height), ariaLabel, idPrefix);
    }

    /// <summary>Makes ScottPlot's SVG document an element for inlining: no XML prolog, ARIA attributes, unique ids.</summary>
    internal static string Inline(string svg, string ariaLabel, string idPrefix)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException("ScottPlot returned no <svg> element.");
        svg = svg[start..];
        svg = IdAttribute().Replace(svg, m => $"{m.Groups[1].Value}=\"{idPrefix}{m.Groups[2].Value}\"");
        svg = UrlReference().Replace(svg, m => $"url(#{idPrefix}{m.Groups[1].Value})");
        svg = HrefReference().Replace(svg, m => $"{m.Groups[1].Value}=\"#{idPrefix}{m.Groups[2].Value}\"");
        return "<svg role=\"img\" aria-label=\"" + NlFormat.H(ariaLabel) + "\" class=\"grafiek\"" + svg["<svg".Length..];
    }

    [GeneratedRegex("\\b(id)=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex("url\\(#([^)]+)\\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex("\\b((?:xlink:)?href)=\"#([^\"]+)\"")]
    private static partial Regex HrefReference();
}
