namespace OrleansNlp.WebFrontend.Security;

/// <summary>A configured key as the store keeps it: the SHA-256 of the key (never the key), and who it stands for.</summary>
public sealed record ApiKeyEntry(byte[] Digest, string OwnerId, bool IsAdmin);
