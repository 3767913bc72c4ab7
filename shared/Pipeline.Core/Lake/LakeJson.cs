using System.Text.Json;

namespace Pipeline.Core.Lake;

/// <summary>The pipeline's JSON state files (pointers, state, manifests) read from and written to the lake.</summary>
public static class LakeJson
{
    /// <summary>Indented, so operators can read state files as they are.</summary>
    public static readonly JsonSerializerOptions Default = new() { WriteIndented = true };

    /// <summary>Indented, with snake_case names from the C# property names (no attribute per property).</summary>
    public static readonly JsonSerializerOptions SnakeCase = new(Default) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Publishes <paramref name="value"/> as JSON at <paramref name="path"/> (atomically, like every lake write).</summary>
    public static async Task WriteJsonAsync<T>(this ILakeStore lake, LakePath path, T value, JsonSerializerOptions? options = null, CancellationToken ct = default)
    {
        await using var ms = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, options ?? Default));
        await lake.WriteAsync(path, ms, ct);
    }

    /// <summary>Reads a JSON file; null when it does not exist.</summary>
    public static async Task<T?> ReadJsonAsync<T>(this ILakeStore lake, LakePath path, JsonSerializerOptions? options = null, CancellationToken ct = default)
    {
        if (!await lake.ExistsAsync(path, ct)) return default;
        await using var s = await lake.OpenReadAsync(path, ct);
        return await JsonSerializer.DeserializeAsync<T>(s, options ?? Default, ct);
    }
}
