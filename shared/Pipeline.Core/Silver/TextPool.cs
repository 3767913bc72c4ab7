namespace Pipeline.Core.Silver;

/// <summary>
/// One string per distinct cell text (codes, names, places repeat on every row): looked up by the cell's characters,
/// so a repeat allocates nothing and every row of a column shares the same string. Capped, so a column of unique
/// values cannot grow it without bound; beyond the cap new texts are still returned, just not kept.
/// </summary>
public sealed class TextPool
{
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly int _capacity;

    public TextPool(int capacity = 1 << 16)
    {
        _capacity = capacity;
        _bySpan = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Get(ReadOnlySpan<char> text)
    {
        if (_bySpan.TryGetValue(text, out var known)) return known;
        var s = text.ToString();
        if (_strings.Count < _capacity) _strings.Add(s);
        return s;
    }
}
