using System.Text.Json;

namespace Pipeline.Functions;

/// <summary>What the WebJobs SDK puts on <c>webjobs-blobtrigger-poison</c> for a blob that kept failing.</summary>
public sealed record PoisonMessage(string ContainerName, string BlobName)
{
    public static PoisonMessage Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        string Get(string name) => root.TryGetProperty(name, out var v) && v.GetString() is { Length: > 0 } s
            ? s
            : throw new FormatException($"Poison message without {name}: {json}");
        return new PoisonMessage(Get("ContainerName"), Get("BlobName"));
    }
}
