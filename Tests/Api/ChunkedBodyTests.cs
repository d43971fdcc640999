using System.Net;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>A body sent without Content-Length (chunked) over the limit gets the same 413 as a declared one, naming the
/// field: on Kestrel, whose own body-size limit stops the read first.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
public sealed class ChunkedBodyTests(KestrelWebFactory factory) : IClassFixture<KestrelWebFactory>
{
    [Fact]
    public async Task AChunkedJobBodyOverTheLimit_Is413NamingText()
    {
        using var http = new HttpClient { BaseAddress = factory.Address };
        // Just over the default limit (2 MiB + 64 KiB): small enough for loopback's socket buffers, so the client has
        // sent it all when the server answers early.
        var content = new StreamContent(new MemoryStream(new byte[2 * 1024 * 1024 + 192 * 1024]));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await http.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "text");
    }
}
