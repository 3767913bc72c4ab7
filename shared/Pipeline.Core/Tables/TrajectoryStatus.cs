namespace Pipeline.Core.Tables;

/// <summary>The values of <c>gold/trajecten.status</c>.</summary>
public static class TrajectoryStatus
{
    public const string OpKoers = "op_koers";
    public const string Risico = "risico";
    public const string UitKoers = "uit_koers";
    public const string OnvoldoendeData = "onvoldoende_data";

    public static readonly IReadOnlyList<string> All = [OpKoers, Risico, UitKoers, OnvoldoendeData];
}
