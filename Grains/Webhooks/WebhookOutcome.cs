namespace OrleansNlp.Webhooks;

/// <summary>The result of one delivery run of a job's webhook: how many POSTs were tried, the last error (null when
/// delivered), and whether to give up for good (the callback host is no longer allowed).</summary>
public readonly record struct WebhookOutcome(int Attempts, string? Error, bool GiveUp = false);
