namespace Pipeline.Core.Gold;

/// <summary>One row of <c>ambities.csv</c>: an institution's start value and 2027 target for one indicator.</summary>
public sealed record Ambition(
    string Instellingscode,
    string Indicator,
    int Basisjaar,
    double Startwaarde,
    double Streefwaarde2027,
    double? Tolerantie,
    int Line = 0);

/// <summary>A problem in an ambitions file, by line number (1 = the header).</summary>
public sealed record AmbitionProblem(int Line, string Message)
{
    public override string ToString() => $"regel {Line}: {Message}";
}

public sealed record AmbitionsParseResult(
    string FileName,
    IReadOnlyList<Ambition> Ambitions,
    IReadOnlyList<AmbitionProblem> Errors,
    IReadOnlyList<AmbitionProblem> Warnings)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>Every problem, one per line, for logs, the quarantine reason file and the operator alert.</summary>
    public string Describe() =>
        $"{FileName}: {Errors.Count} fout(en), {Warnings.Count} waarschuwing(en)" + Environment.NewLine +
        string.Join(Environment.NewLine, Errors.Select(e => "fout " + e).Concat(Warnings.Select(w => "waarschuwing " + w)));
}

public sealed class AmbitionsRejectedException(AmbitionsParseResult result)
    : FormatException($"Ambitions file {result.FileName} rejected: " +
                           string.Join("; ", result.Errors.Select(e => e.ToString())))
{
    public AmbitionsParseResult Result { get; } = result;
}
