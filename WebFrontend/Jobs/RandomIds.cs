using System.Security.Cryptography;

namespace OrleansNlp.WebFrontend.Jobs;

/// <summary>New ids: 32 lowercase hex digits of cryptographically random bytes, as <c>Guid.NewGuid().ToString("N")</c>
/// looked. Guid.NewGuid asks the kernel for 16 random bytes on every call, a system call that cost 3 % of a loaded
/// frontend's CPU; each thread here asks for 64 ids' worth at a time.</summary>
public static class RandomIds
{
    private const int IdBytes = 16;
    private const int IdsPerFill = 64;

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_next;

    public static string New()
    {
        if (t_random is null || t_next == t_random.Length)
        {
            t_random ??= new byte[IdBytes * IdsPerFill];
            RandomNumberGenerator.Fill(t_random);
            t_next = 0;
        }

        var id = Convert.ToHexStringLower(t_random.AsSpan(t_next, IdBytes));
        t_next += IdBytes;
        return id;
    }
}
