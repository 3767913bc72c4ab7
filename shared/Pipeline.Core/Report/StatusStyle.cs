using Pipeline.Core.Tables;
using Pipeline.Core.Gold;
using ScottPlot;

namespace Pipeline.Core.Report;

/// <summary>
/// How a trajectory status looks: a Dutch label, an Okabe-Ito colour (safe for colour-blind readers) and a marker
/// shape, so the status never depends on colour alone. <see cref="Symbol"/> is the same shape as text for tables.
/// </summary>
public sealed record StatusStyle(string Status, string Label, string Hex, MarkerShape Shape, string Symbol)
{
    public static readonly StatusStyle OpKoers = new(TrajectoryStatus.OpKoers, "op koers", "#009E73", MarkerShape.FilledCircle, "●");
    public static readonly StatusStyle Risico = new(TrajectoryStatus.Risico, "risico", "#E69F00", MarkerShape.FilledTriangleUp, "▲");
    public static readonly StatusStyle UitKoers = new(TrajectoryStatus.UitKoers, "uit koers", "#D55E00", MarkerShape.FilledSquare, "■");
    public static readonly StatusStyle OnvoldoendeData = new(TrajectoryStatus.OnvoldoendeData, "onvoldoende data", "#000000", MarkerShape.OpenDiamond, "◇");

    public static readonly IReadOnlyList<StatusStyle> All = [OpKoers, Risico, UitKoers, OnvoldoendeData];

    /// <summary>Okabe-Ito blue: the ambition trajectory; sky blue: its tolerance band.</summary>
    public const string PadHex = "#0072B2";
    public const string BandHex = "#56B4E9";

    public static StatusStyle Of(string status) =>
        All.FirstOrDefault(s => s.Status == status) ?? throw new ArgumentException($"Unknown trajectory status '{status}'.", nameof(status));

    public Color Color => Color.FromHex(Hex);
}
