using System.Security.Cryptography;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Raw;

/// <summary>
/// A download on its way into the lake: a temp file that hashes (SHA-256) and counts bytes as they are written, and
/// refuses to grow past a size limit. Downloads are never held in memory; the temp file is deleted on dispose.
/// </summary>
public sealed class StagingFile : IAsyncDisposable, IDisposable
{
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _sha256;

    public StagingFile(long maxBytes)
    {
        MaxBytes = maxBytes;
        _file = new FileStream(StagingFolder.NewFile("staging"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        Writer = new HashingWriteStream(this);
    }

    public long MaxBytes { get; }
    public long Length { get; private set; }

    /// <summary>Write-only view that hashes, counts and enforces <see cref="MaxBytes"/>.</summary>
    public Stream Writer { get; }

    /// <summary>Lower-case hex SHA-256 of everything written; available after <see cref="Complete"/>.</summary>
    public string Sha256 => _sha256 ?? throw new InvalidOperationException("The staging file is not complete yet.");

    /// <summary>Copies <paramref name="source"/> in, chunk by chunk.</summary>
    public Task CopyFromAsync(Stream source, CancellationToken ct) => CopyFromAsync(source, null, ct);

    /// <summary>Copies <paramref name="source"/> in, chunk by chunk, telling <paramref name="copied"/> the bytes so far after each.</summary>
    public async Task CopyFromAsync(Stream source, Action<long>? copied, CancellationToken ct)
    {
        var buffer = new byte[81920];
        int n;
        while ((n = await source.ReadAsync(buffer, ct)) > 0)
        {
            await Writer.WriteAsync(buffer.AsMemory(0, n), ct);
            copied?.Invoke(Length);
        }
    }

    public async Task CompleteAsync(CancellationToken ct = default)
    {
        await _file.FlushAsync(ct);
        _sha256 ??= Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    /// <summary>The first bytes, for sniffing (HTML, JSON, BOM).</summary>
    public async Task<byte[]> HeadAsync(int count, CancellationToken ct = default)
    {
        var buffer = new byte[(int)Math.Min(count, Length)];
        _file.Position = 0;
        await _file.ReadExactlyAsync(buffer, ct);
        _file.Seek(0, SeekOrigin.End);
        return buffer;
    }

    /// <summary>The staged bytes from the start, for publishing or parsing. The stream stays owned by this object.</summary>
    public Stream OpenRead()
    {
        _file.Position = 0;
        return new NonClosingStream(_file);
    }

    public void Dispose()
    {
        _file.Dispose();
        _hash.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_sha256 is not null) throw new InvalidOperationException("The staging file is complete; no more writes.");
        if (Length + data.Length > MaxBytes)
            throw new SizeLimitExceededException(MaxBytes);
        _hash.AppendData(data);
        Length += data.Length;
    }

    private sealed class HashingWriteStream(StagingFile owner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => owner.Length;
        public override long Position { get => owner.Length; set => throw new NotSupportedException(); }
        public override void Flush() => owner._file.Flush();
        public override Task FlushAsync(CancellationToken ct) => owner._file.FlushAsync(ct);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            owner.Append(buffer);
            owner._file.Write(buffer);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            owner.Append(buffer.Span);
            await owner._file.WriteAsync(buffer, ct);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

        // Closing the writer (e.g. by a Utf8JsonWriter owner) must not close the staging file.
        protected override void Dispose(bool disposing) { }
    }
}

public sealed class SizeLimitExceededException(long limit)
    : IOException($"the content is larger than the configured limit of {limit} bytes")
{
    public long Limit { get; } = limit;
}
