using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AiFlow.Domain.Inference;
using Microsoft.AspNetCore.DataProtection;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// An endpoint's API key: stored encrypted with the data-protection key ring, or read from an environment variable whose
/// name starts with <see cref="VariablePrefix"/>. Any other variable is refused, on save and again at call time, so an
/// endpoint cannot send the process's own secrets (a database password, the demo admin key) to a URL an admin typed.
/// The plain key is never stored or logged.
/// </summary>
public sealed partial class ApiKeys(IDataProtectionProvider protection)
{
    public const string VariablePrefix = "AIFLOW_ENDPOINT_KEY_";

    /// <summary>Sent when an endpoint has no key (the simulator and open local servers need none).</summary>
    internal const string NoKey = "no-key";

    private readonly IDataProtector protector = protection.CreateProtector("AiFlow.InferenceEndpoint.ApiKey.v1");

    /// <summary>Why a variable name is refused, or null when it may be used (or none is given).</summary>
    public static string? CheckVariableName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var trimmed = name.Trim();
        if (!VariableName().IsMatch(trimmed))
        {
            return $"Use an environment variable name such as {VariablePrefix}OPENAI (A–Z, 0–9, _), not the key itself.";
        }

        return trimmed.StartsWith(VariablePrefix, StringComparison.Ordinal) && trimmed.Length > VariablePrefix.Length
            ? null
            : $"Only variables named {VariablePrefix}… may hold endpoint keys; rename {trimmed} to {VariablePrefix}{trimmed}, or store the key in the endpoint.";
    }

    public string Protect(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return protector.Protect(key.Trim());
    }

    public string Resolve(InferenceEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!string.IsNullOrEmpty(endpoint.ApiKeySecret))
        {
            try
            {
                return protector.Unprotect(endpoint.ApiKeySecret);
            }
            catch (CryptographicException ex)
            {
                throw new MissingApiKeyException(
                    $"Endpoint '{endpoint.Name}' has a stored API key the key ring cannot decrypt (was the key-ring certificate replaced?); enter the key again.", ex);
            }
        }

        if (string.IsNullOrWhiteSpace(endpoint.ApiKeyEnvVar)) return NoKey;
        // Rows written before the prefix rule, or by hand: refused here too, never read.
        if (CheckVariableName(endpoint.ApiKeyEnvVar) is { } refused) throw new ApiKeyRefusedException($"Endpoint '{endpoint.Name}': {refused}");
        var value = Environment.GetEnvironmentVariable(endpoint.ApiKeyEnvVar);
        return string.IsNullOrEmpty(value) ? throw MissingApiKeyException.For(endpoint.Name, endpoint.ApiKeyEnvVar) : value;
    }

    /// <summary>Removes the key from text that may echo it, as a second line of defence.</summary>
    internal static string? Scrub(string? text, string? key) =>
        text is null || string.IsNullOrEmpty(key) || key == NoKey || key.Length < 4 ? text : text.Replace(key, "***", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Z_][A-Z0-9_]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();
}
