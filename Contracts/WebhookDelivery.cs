namespace OrleansNlp.Contracts;

/// <summary>Where a job's final snapshot is POSTed, how many attempts were made, when one succeeded and the last error.</summary>
public sealed record WebhookDelivery(string CallbackUrl, int Attempts, DateTime? DeliveredAt, string? LastError);
