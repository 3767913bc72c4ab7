namespace Pipeline.Core.Gold;

/// <summary>
/// A count table (students, diplomas, inflow) folded to what its indicators need, per institution and year: the cells
/// summed per route group (<see cref="LeerwegGroepen"/>), whether any row is provisional, and the source of the first
/// row read. Rows are added one at a time, so gold holds one entry per institution and year, not the rows.
/// </summary>
public sealed class CountTotals
{
    private static readonly int GroupCount = Enum.GetValues<LeerwegGroep>().Length;
    private readonly Dictionary<(string Instellingscode, int Jaar), Group> _groups = new();

    /// <summary>The cells of one institution and year.</summary>
    public sealed class Group(SilverSource bron)
    {
        private readonly CellTotal[] _perLeerweg = new CellTotal[GroupCount];

        /// <summary>The source of the first row of the group.</summary>
        public SilverSource Bron { get; } = bron;
        public bool Voorlopig { get; private set; }

        public CellTotal this[LeerwegGroep groep] => _perLeerweg[(int)groep];
        public CellTotal All => _perLeerweg.Aggregate(new CellTotal(), (sum, t) => sum + t);

        internal void Add(LeerwegGroep groep, Cell cell, bool voorlopig)
        {
            _perLeerweg[(int)groep] = _perLeerweg[(int)groep].Add(cell);
            Voorlopig |= voorlopig;
        }
    }

    /// <summary>Adds one row; an unknown leerweg is an error naming it (<see cref="LeerwegGroepen.Of"/>).</summary>
    public void Add(string instellingscode, int jaar, string leerweg, Cell cell, bool voorlopig, SilverSource bron)
    {
        var groep = LeerwegGroepen.Of(leerweg);
        if (!_groups.TryGetValue((instellingscode, jaar), out var group))
            _groups[(instellingscode, jaar)] = group = new Group(bron);
        group.Add(groep, cell, voorlopig);
    }

    public IEnumerable<(string Instellingscode, int Jaar, Group Cells)> Groups =>
        _groups.Select(kv => (kv.Key.Instellingscode, kv.Key.Jaar, kv.Value));
}
