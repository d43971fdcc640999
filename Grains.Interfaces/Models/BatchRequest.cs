using System.Security.Cryptography;
using System.Text;

namespace OrleansNlp.Models;

/// <summary>What a caller submits as a batch: the texts, and what each of their jobs gets besides its text.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.BatchRequest")]
public sealed record BatchRequest(
    [property: Id(0)] IReadOnlyList<string> Texts,
    [property: Id(1)] string? Instruction = null,
    [property: Id(2)] string? MetadataJson = null,
    [property: Id(3)] JobPriority Priority = JobPriority.Normal,
    [property: Id(4)] string? CallbackUrl = null,
    [property: Id(5)] string? Owner = null,
    [property: Id(6)] string? ClientId = null)
{
    /// <summary>The job of the text at <paramref name="index"/>.</summary>
    public JobRequest JobFor(string batchId, int index) =>
        new(Texts[index], Instruction, MetadataJson, Priority, CallbackUrl, Owner, batchId, ClientId);

    /// <summary>A digest of the whole request, kept once the texts are gone, to tell a repeat from a different request.</summary>
    public string Digest()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (ClientId is not null)
        {
            // Marked by a length no part can have, so that a request without a clientId keeps the digest it always had.
            var client = Encoding.UTF8.GetBytes(ClientId);
            hash.AppendData(BitConverter.GetBytes(-2));
            hash.AppendData(BitConverter.GetBytes(client.Length));
            hash.AppendData(client);
        }

        foreach (var part in Texts.Prepend(CallbackUrl).Prepend(Priority.ToString()).Prepend(MetadataJson).Prepend(Instruction).Prepend(Owner))
        {
            // Length-prefixed, so that no two different requests give the same byte sequence.
            var bytes = Encoding.UTF8.GetBytes(part ?? "");
            hash.AppendData(BitConverter.GetBytes(part is null ? -1 : bytes.Length));
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
