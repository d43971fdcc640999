using Microsoft.AspNetCore.Http.Connections;

namespace OrleansNlp.Client;

/// <summary>Where the OrleansNlp frontend is and how to authenticate to it.</summary>
public sealed record OrleansNlpClientOptions
{
    /// <summary>The address <c>dotnet run --project WebFrontend</c> listens on.</summary>
    public static readonly Uri DefaultBaseAddress = new("http://127.0.0.1:8080/");

    /// <summary>The frontend's root URL. When null, the HttpClient's BaseAddress is used.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Sent as the X-Api-Key header (REST and hub) when the frontend has API keys configured.</summary>
    public string? ApiKey { get; set; }

    /// <summary>SignalR transports to try for <see cref="OrleansNlpClient.WatchAsync"/>. When null: SignalR's
    /// default order, or long polling only when a hub message handler is given (WebSockets do not use one).</summary>
    public HttpTransportType? HubTransports { get; set; }
}
