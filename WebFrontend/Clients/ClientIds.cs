namespace OrleansNlp.WebFrontend.Clients;

/// <summary>Client ids: 1 to 128 letters, digits, '-', '_', '.' or ':' (never '/', which separates the owner in
/// <see cref="ClientStreams.KeyOf"/>).</summary>
public static class ClientIds
{
    public const int MaxLength = 128;

    public const string Rule = "A clientId is 1 to 128 letters, digits, '-', '_', '.' or ':'.";

    public static bool IsValid(string? clientId) =>
        clientId is { Length: > 0 and <= MaxLength } && clientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
