using System.Text.RegularExpressions;
using AiFlow.Domain.Inference;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>Reads an endpoint's API key from the environment variable it names; the key is never stored or logged.</summary>
public static partial class ApiKeys
{
    /// <summary>Sent when an endpoint names no variable (the simulator and open local servers need no key).</summary>
    internal const string NoKey = "no-key";

    public static bool IsValidVariableName(string? name) => name is not null && VariableName().IsMatch(name);

    public static string Resolve(InferenceEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (string.IsNullOrWhiteSpace(endpoint.ApiKeyEnvVar)) return NoKey;
        var value = Environment.GetEnvironmentVariable(endpoint.ApiKeyEnvVar);
        return string.IsNullOrEmpty(value) ? throw MissingApiKeyException.For(endpoint.Name, endpoint.ApiKeyEnvVar) : value;
    }

    /// <summary>Removes the key from text that may echo it (e.g. an error body), as a second line of defence.</summary>
    internal static string? Scrub(string? text, string? key) =>
        text is null || string.IsNullOrEmpty(key) || key == NoKey || key.Length < 4 ? text : text.Replace(key, "***", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Z_][A-Z0-9_]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();
}
