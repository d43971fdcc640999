using System.Security.Cryptography;
using System.Text;

namespace OrleansNlp.WebFrontend.Jobs;

/// <summary>Maps an Idempotency-Key (scoped to the caller's API key) to a stable job (or batch) id, so repeats reach the same grain.</summary>
public static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>The 400 for a key that <see cref="IsValid"/> refuses, naming the header.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(int maxLength) =>
        SubmitRequestReader.Invalid(HeaderName, $"The Idempotency-Key must be 1 to {maxLength} visible ASCII characters.");

    /// <summary>The id a submission gets: <paramref name="fresh"/> without a key, <paramref name="fromKey"/> of a valid
    /// key, null for an invalid one (answer it with <see cref="Invalid"/>).</summary>
    public static string? IdFor(string? key, int maxLength, Func<string, string> fromKey, Func<string> fresh) =>
        key is null ? fresh() : IsValid(key, maxLength) ? fromKey(key) : null;

    public static bool IsValid(string key, int maxLength) =>
        key.Length is > 0 && key.Length <= maxLength && key.All(c => c is >= '!' and <= '~');

    public static string JobIdFor(string key, string? callerScope)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{callerScope}\n{key}"));
        return "idem-" + Convert.ToHexStringLower(hash)[..40];
    }

    /// <summary>The batch id for a key: the same scheme in a key space of its own, so a key used for a job and for a
    /// batch names two unrelated things.</summary>
    public static string BatchIdFor(string key, string? callerScope) => JobIdFor(key, "batch\n" + callerScope);
}
