using System.Net;
using System.Net.Sockets;
using System.Text;
using Pipeline.Core.Sources;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pipeline.Tests.Sources;

/// <summary>Responses that are not what was asked for are rejected, kept in quarantine, and never reach raw.</summary>
[TestClass]
public sealed class DoorTests
{
    private const string Dataset = "mbo-studenten-per-instelling";
    private const string Leerweg = DuoPortal.StudentenLeerwegName;
    private static readonly byte[] GoodCsv = Encoding.UTF8.GetBytes(DuoPortal.StudentenCsv());

    private static Dictionary<string, string?> Settings(long? maxBytes = null)
    {
        var s = new Dictionary<string, string?>();
        if (maxBytes is { } m) s["Sources:Http:MaxBytes"] = m.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return s;
    }

    [TestMethod]
    [DataRow("text/html; charset=utf-8", "<!DOCTYPE html><html><body>Onderhoud</body></html>", "an HTML page")]
    [DataRow("text/csv", "\r\n  <html><body>Service Unavailable</body></html>", "an HTML page")]
    [DataRow("application/json", "{\"records\":[]}", "JSON where CSV was expected")]
    [DataRow("text/csv", "[{\"JAAR\":2025}]", "JSON where CSV was expected")]
    [DataRow("application/pdf", "%PDF-1.7 ...", "wrong content type 'application/pdf'")]
    [DataRow("text/csv", "", "the body is empty")]
    [DataRow("text/csv", "JAAR INSTELLINGSCODE\n2025 25LH\n", "no ',' or ';' separator")]
    public async Task A_bad_response_with_status_200_is_rejected_and_the_previous_file_stays_current(string contentType, string body, string reason)
    {
        using var h = new BronzeHarness();
        h.StubPackage(Dataset, "", (Leerweg, "CSV", "r1"));
        h.StubCsv("r1", GoodCsv);
        var good = (await h.Bronze(Settings(), onlyDuo: true).FetchAllAsync()).Single(r => r.Dataset == Dataset);
        Assert.AreEqual(SourceStatus.Fetched, good.Status, good.Reason);

        h.Server.Reset();
        h.StubPackage(Dataset, "", (Leerweg, "CSV", "r1"));
        h.StubCsv("r1", Encoding.UTF8.GetBytes(body), contentType);
        var bad = (await h.Bronze(Settings(), onlyDuo: true).FetchAllAsync()).Single(r => r.Dataset == Dataset);

        Assert.AreEqual(SourceStatus.Failed, bad.Status);
        StringAssert.Contains(bad.Reason, "DUO");
        StringAssert.Contains(bad.Reason, reason);
        StringAssert.Contains(bad.Reason, $"{h.Url}/datastore/dump/r1");
        Assert.AreEqual(good.Sha256, (await h.CurrentAsync("duo", Dataset))!.Sha256, "the previous good file stays current");
        Assert.AreEqual(2, (await h.FilesAsync("raw/")).Count, "nothing of the bad response entered raw");
        var quarantined = await h.FilesAsync("quarantine/bronze/duo/" + Dataset + "/");
        var reasonFile = quarantined.Single(f => f.EndsWith(".reason.txt", StringComparison.Ordinal));
        StringAssert.Contains(await h.ReadTextAsync(reasonFile), reason);
        if (body.Length > 0)
            Assert.AreEqual(body, await h.ReadTextAsync(quarantined.Single(f => !f.EndsWith(".reason.txt", StringComparison.Ordinal))));
    }

    [TestMethod]
    public async Task A_file_above_the_size_limit_is_rejected()
    {
        using var h = new BronzeHarness();
        h.StubPackage(Dataset, "", (Leerweg, "CSV", "r1"));
        h.StubCsv("r1", Encoding.UTF8.GetBytes("JAAR,INSTELLINGSCODE\n" + string.Concat(Enumerable.Repeat("2025,25LH\n", 200))));

        var result = (await h.Bronze(Settings(maxBytes: 1000), onlyDuo: true).FetchAllAsync()).Single(r => r.Dataset == Dataset);

        Assert.AreEqual(SourceStatus.Failed, result.Status);
        StringAssert.Contains(result.Reason, "limit of 1000 bytes");
        Assert.AreEqual(0, (await h.FilesAsync("raw/")).Count);
        Assert.AreEqual(1, (await h.FilesAsync("quarantine/bronze/duo/")).Count(f => f.EndsWith(".reason.txt", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task A_body_shorter_than_its_Content_Length_is_rejected_as_truncated()
    {
        // WireMock fixes Content-Length to the body it sends, so the truncating server is a raw socket on loopback
        // that promises 1000 bytes, sends 40 and closes; the package metadata still comes from WireMock.
        using var h = new BronzeHarness();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer);
            var head = "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "JAAR,INSTELLINGSCODE\r\n2025,\"25LH\"\r\n2025,\"2"));
            await stream.FlushAsync();
        });
        h.Server.Given(Request.Create().WithPath("/api/3/action/package_show").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(
                $$"""{"success":true,"result":{"notes":"","resources":[{"id":"r1","name":"{{Leerweg}}","format":"CSV","url":"http://127.0.0.1:{{port}}/dump.csv"}]""" + "}}"));
        var settings = Settings();
        settings["Sources:Http:MaxRetryAttempts"] = "1";

        var result = (await h.Bronze(settings, onlyDuo: true).FetchAllAsync()).Single(r => r.Dataset == Dataset);
        await serve;

        Assert.AreEqual(SourceStatus.Failed, result.Status);
        StringAssert.Contains(result.Reason, "shorter than its Content-Length");
        StringAssert.Contains(result.Reason, "of 1000 bytes");
        Assert.AreEqual(0, (await h.FilesAsync("raw/")).Count);
        Assert.AreEqual(2, (await h.FilesAsync("quarantine/bronze/duo/")).Count, "the partial body and its reason are kept");
    }
}
