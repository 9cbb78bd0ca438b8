using System.Security.Cryptography;
using System.Text;

namespace AiFlow.Infrastructure.Inference.Accounting;

public static class PromptHash
{
    /// <summary>Lower-case hex SHA-256 of the prompt as sent (before redaction), so identical prompts group together.</summary>
    public static string Sha256(string prompt) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prompt)));
}
