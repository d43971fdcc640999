namespace OrleansNlp.Webhooks;

/// <summary>A delivery refused by the egress policy before any connection was made. Its message,
/// "blocked: " + a category ("private address", "port not allowed", ...), is safe to show in webhook.lastError:
/// it names no host, port or address.</summary>
public sealed class WebhookBlockedException(string category) : Exception("blocked: " + category)
{
    public string Category { get; } = category;
}
