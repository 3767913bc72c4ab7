using System.Globalization;

namespace Pipeline.Bench;

/// <summary>The <c>--name value</c> and <c>--flag</c> options of a mode; an unknown option is an error naming it.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public BenchArgs(IEnumerable<string> args, IReadOnlySet<string> valued, IReadOnlySet<string> flags)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (flags.Contains(name)) _values[name] = null;
            else if (valued.Contains(name) && e.MoveNext()) _values[name] = e.Current;
            else throw new ArgumentException($"unknown or incomplete option {name}; options: {string.Join(", ", valued.Concat(flags))}");
        }
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);
    public string Get(string name, string fallback) => _values.GetValueOrDefault(name) ?? fallback;
    public double Get(string name, double fallback) => _values.GetValueOrDefault(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
    public bool Has(string name) => _values.ContainsKey(name);
}
