using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OrleansNlp.WebFrontend.Security;

/// <summary>The configured API keys as SHA-256 digests, computed once (and again when the configuration reloads).
/// A presented key is hashed and compared in constant time with every configured digest: the time taken does not
/// depend on which key matched, how much of it matched, or its length.</summary>
public sealed class ApiKeyStore : IDisposable
{
    private readonly IDisposable? _reload;
    private volatile ApiKeyEntry[] _entries;

    public ApiKeyStore(IOptionsMonitor<AuthOptions> options)
    {
        _entries = Build(options.CurrentValue);
        _reload = options.OnChange(changed => _entries = Build(changed));
    }

    /// <summary>True when any key is configured: requests then need one.</summary>
    public bool Enabled => _entries.Length > 0;

    /// <summary>The entry of the presented key, or null.</summary>
    public ApiKeyEntry? Find(string presented)
    {
        var entries = _entries;
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), digest);
        var found = -1;
        for (var i = 0; i < entries.Length; i++)
        {
            // No early exit: every digest is compared, and the selection below compiles without a branch.
            var equal = CryptographicOperations.FixedTimeEquals(digest, entries[i].Digest) ? 1 : 0;
            found = (found & (equal - 1)) | (i & -equal);
        }

        return found < 0 ? null : entries[found];
    }

    /// <summary>The entry of the key with this owner id, or null (owner ids are unique: one key stands for one owner).</summary>
    public ApiKeyEntry? FindOwner(string ownerId) =>
        _entries.FirstOrDefault(entry => string.Equals(entry.OwnerId, ownerId, StringComparison.Ordinal));

    /// <summary>The owner id of an unnamed key: "key:" and the first 16 hex digits of its SHA-256. Idempotency keys are
    /// scoped by it, so it must never change.</summary>
    public static string OwnerIdOf(string unnamedKey) =>
        "key:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(unnamedKey)))[..16];

    /// <summary>Why the keys cannot be used, or null: a key that can never arrive intact in a header, or the same key
    /// configured twice (it would have two owners).</summary>
    public static string? Validate(AuthOptions options)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (where, key, _, _) in Configured(options))
        {
            if (!key.All(c => c is >= '!' and <= '~' && c != ','))
            {
                return $"{where} must be visible ASCII characters without spaces or commas.";
            }

            if (!seen.Add(key))
            {
                return $"{where} is configured more than once; each key must stand for one owner.";
            }
        }

        return null;
    }

    public void Dispose() => _reload?.Dispose();

    private static ApiKeyEntry[] Build(AuthOptions options) =>
        Configured(options)
            .DistinctBy(configured => configured.Key, StringComparer.Ordinal)
            .Select(configured => new ApiKeyEntry(SHA256.HashData(Encoding.UTF8.GetBytes(configured.Key)), configured.OwnerId, configured.IsAdmin))
            .ToArray();

    /// <summary>Every non-empty key (empty entries are ignored, as a way to switch one off), with its owner.</summary>
    private static IEnumerable<(string Where, string Key, string OwnerId, bool IsAdmin)> Configured(AuthOptions options)
    {
        foreach (var (key, index) in options.ApiKeys.Select((key, index) => (key, index)).Where(entry => !string.IsNullOrEmpty(entry.key)))
        {
            yield return ($"Auth:ApiKeys:{index}", key, OwnerIdOf(key), false);
        }

        foreach (var (name, named) in options.Keys.Where(entry => !string.IsNullOrEmpty(entry.Value?.Key)))
        {
            yield return ($"Auth:Keys:{name}:Key", named.Key!, name, named.Admin);
        }

        foreach (var (key, index) in options.AdminKeys.Select((key, index) => (key, index)).Where(entry => !string.IsNullOrEmpty(entry.key)))
        {
            yield return ($"Auth:AdminKeys:{index}", key, OwnerIdOf(key), true);
        }
    }
}
