using System.Security.Cryptography;
using System.Text;

namespace AiFlow.Infrastructure.Access;

/// <summary>API keys are random and high-entropy, so a plain SHA-256 is the right hash: fast lookups, nothing to brute-force.</summary>
public static class ApiKeyHasher
{
    public const string KeyPrefix = "afk_";

    public static string NewKey() => KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Prefix(string key) => key.Length <= 10 ? key : key[..10];
}
