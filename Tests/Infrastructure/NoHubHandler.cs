using System.Net;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Answers every request with 404, like a proxy in front of the frontend that does not pass the hub through.</summary>
public sealed class NoHubHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request });
}
