using System.Net;
using System.Net.Sockets;
using System.Text;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Core.Sources;
using Pipeline.Core.Sources.Http;
using Pipeline.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Sources;

/// <summary>The door reports a download's bytes as they arrive, with the server's Content-Length as the total when it sent one.</summary>
[TestClass]
public sealed class DoorProgressTests
{
    /// <summary>Keeps every byte figure the door reports (thread-safe, as a sink must be).</summary>
    private sealed class ByteFigures : IRunProgress
    {
        private readonly List<(string? Dataset, long Done, long? Total)> _figures = [];
        public IReadOnlyList<(string? Dataset, long Done, long? Total)> Figures { get { lock (_figures) return _figures.ToList(); } }
        public void StageStarted(string stage, string? dataset) { }
        public void StageFinished(string stage, string? dataset, string status) { }
        public void BytesDone(string stage, string? dataset, long done, long? total) { lock (_figures) _figures.Add((dataset, done, total)); }
        public void RowsDone(string stage, string? dataset, long rows) { }
    }

    private static byte[] LargeCsv(int rows)
    {
        var csv = new StringBuilder("JAAR,INSTELLINGSCODE,AANTAL\n");
        for (var i = 0; i < rows; i++) csv.Append("2025,25LH,").Append(i).Append('\n');
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static async Task<ByteFigures> FetchAsync(string url, int expectedLength)
    {
        using var dir = new TempDirectory();
        var figures = new ByteFigures();
        var door = new SourceDoor(new Quarantine(new FileSystemLake(dir.Path)), new SourceHttpOptions(), figures);
        using var http = new HttpClient();
        await using var fetched = await door.GetAsync(http, new SourceRef("DUO", "duo", "groot"), url, ExpectedContent.Csv);
        Assert.AreEqual(expectedLength, fetched.Body!.Length);
        return figures;
    }

    private static void AssertGrowsTo(IReadOnlyList<(string? Dataset, long Done, long? Total)> seen, long length)
    {
        Assert.IsGreaterThan(10, seen.Count, "reported per chunk, not once at the end");
        Assert.IsTrue(seen.All(f => f.Dataset == "duo/groot"), string.Join(", ", seen.Select(f => f.Dataset).Distinct()));
        CollectionAssert.AreEqual(seen.Select(f => f.Done).Order().ToList(), seen.Select(f => f.Done).ToList(), "bytes only grow");
        Assert.AreEqual(length, seen[^1].Done);
    }

    [TestMethod]
    public async Task A_download_with_a_Content_Length_reports_its_bytes_in_chunks_with_that_length_as_total()
    {
        // WireMock answers a stub in chunked encoding (no Content-Length), so this server is a raw socket on loopback.
        var body = LargeCsv(400_000); // about 6 MB: many chunks
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            _ = await stream.ReadAsync(new byte[4096]);
            var head = $"HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(body);
        });

        var figures = await FetchAsync($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/groot.csv", body.Length);
        await serve;

        var seen = figures.Figures;
        AssertGrowsTo(seen, body.Length);
        Assert.IsTrue(seen.All(f => f.Total == body.Length), "the Content-Length is the total");
    }

    [TestMethod]
    public async Task A_chunked_download_from_WireMock_reports_its_bytes_without_a_total()
    {
        using var server = WireMockServer.Start();
        var body = LargeCsv(400_000);
        server.Given(Request.Create().WithPath("/groot.csv").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/csv").WithBody(body));

        var seen = (await FetchAsync(server.Url + "/groot.csv", body.Length)).Figures;

        AssertGrowsTo(seen, body.Length);
        Assert.IsTrue(seen.All(f => f.Total is null), "no Content-Length, no total");
    }
}
