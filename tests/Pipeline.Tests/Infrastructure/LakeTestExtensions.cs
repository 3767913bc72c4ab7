using System.Text;
using Pipeline.Core.Lake;

namespace Pipeline.Tests.Infrastructure;

public static class LakeTestExtensions
{
    public static async Task WriteTextAsync(this ILakeStore lake, string name, string text)
    {
        await using var ms = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await lake.WriteAsync(LakePath.Parse(name), ms);
    }

    public static async Task<string> ReadTextAsync(this ILakeStore lake, string name)
    {
        await using var s = await lake.OpenReadAsync(LakePath.Parse(name));
        using var reader = new StreamReader(s, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    public static async Task<List<string>> NamesAsync(this ILakeStore lake, string prefix)
    {
        var names = new List<string>();
        await foreach (var e in lake.ListAsync(prefix)) names.Add(e.Path.Value);
        return names;
    }

    /// <summary>Polls until <paramref name="condition"/> holds or the deadline passes (for triggers that fire asynchronously).</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(250);
        }
        return await condition();
    }
}
