namespace OrleansNlp.Models;

/// <summary>Where a job's final snapshot is POSTed, and how that went.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.WebhookDelivery")]
public sealed record WebhookDelivery(
    [property: Id(0)] string CallbackUrl,
    [property: Id(1)] int Attempts,
    [property: Id(2)] DateTime? DeliveredAt,
    [property: Id(3)] string? LastError);
