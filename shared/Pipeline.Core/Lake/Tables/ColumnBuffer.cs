using System.Buffers;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Pipeline.Core.Lake.Tables;

/// <summary>
/// One column of one row group being collected: typed storage so values are not kept boxed, and strict type checks
/// so a wrong value fails loudly with the column named instead of being coerced. <see cref="Add"/> returns the bytes
/// the value holds in the buffer, so a row group can be flushed at a byte budget as well as a row count.
/// </summary>
internal abstract class ColumnBuffer(TableColumn column)
{
    public TableColumn Column { get; } = column;
    public abstract int Add(object? value);
    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, DataField field, CancellationToken ct);
    public abstract void Clear();

    public static ColumnBuffer For(TableColumn c) => c.Type switch
    {
        ColumnType.String => new StringBuffer(c),
        ColumnType.Int32 => new ValueBuffer<int>(c),
        ColumnType.Int64 => new ValueBuffer<long>(c),
        ColumnType.Double => new ValueBuffer<double>(c),
        ColumnType.Boolean => new ValueBuffer<bool>(c),
        ColumnType.Date => new ValueBuffer<DateOnly>(c),
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>The Parquet field for a column: DateOnly maps to the DATE logical type, strings to UTF-8.</summary>
    public static DataField FieldFor(TableColumn c) => new(c.Name, c.ClrType, c.Nullable);

    protected Exception WrongValue(object? value) => new ArgumentException(value is null
        ? $"Column '{Column.Name}' is not nullable but got null."
        : $"Column '{Column.Name}' ({Column.Type}) cannot hold a {value.GetType().Name} ('{value}').");

    private sealed class StringBuffer(TableColumn c) : ColumnBuffer(c)
    {
        private readonly List<string?> _values = [];
        private string? _previous;

        // A reference, plus the characters unless the cell holds the very string the cell before it held: pooled texts
        // repeat row after row (ten rows per record of a wide DUO file), and counting them once per row made row groups
        // a third of their budget, so three times the row groups and footers. A string seen again later is counted
        // again, so the estimate still errs on the safe side.
        public override int Add(object? value)
        {
            var s = value as string;
            if (s is null && (value is not null || !Column.Nullable)) throw WrongValue(value);
            _values.Add(s);
            var repeat = ReferenceEquals(s, _previous);
            _previous = s;
            return IntPtr.Size + (repeat ? 0 : 2 * (s?.Length ?? 0));
        }

        public override Task WriteAsync(ParquetRowGroupWriter rowGroup, DataField field, CancellationToken ct) =>
            rowGroup.WriteAsync(field, _values!);

        public override void Clear()
        {
            _values.Clear();
            _previous = null;
        }
    }

    private sealed class ValueBuffer<T>(TableColumn c) : ColumnBuffer(c) where T : struct
    {
        private T?[] _values = new T?[1024];
        private int _count;

        public override int Add(object? value)
        {
            if (_count == _values.Length) Array.Resize(ref _values, _values.Length * 2);
            if (value is T v) _values[_count++] = v;
            else if (value is null && Column.Nullable) _values[_count++] = null;
            else throw WrongValue(value);
            return Unsafe.SizeOf<T?>();
        }

        public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, DataField field, CancellationToken ct)
        {
            if (Column.Nullable)
            {
                await rowGroup.WriteAsync<T>(field, new ReadOnlyMemory<T?>(_values, 0, _count), cancellationToken: ct);
                return;
            }
            var dense = ArrayPool<T>.Shared.Rent(_count);
            try
            {
                for (var i = 0; i < _count; i++) dense[i] = _values[i]!.Value;
                await rowGroup.WriteAsync<T>(field, dense.AsMemory(0, _count), cancellationToken: ct);
            }
            finally { ArrayPool<T>.Shared.Return(dense); }
        }

        public override void Clear() => _count = 0;
    }
}
