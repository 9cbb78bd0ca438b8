using AiFlow.Domain.Privacy;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Privacy;

/// <summary>The configured <see cref="PiiPolicy"/>, rebuilt when <c>AiFlow:Pii</c> changes.</summary>
public sealed class PiiRedactor
{
    private readonly IOptionsMonitor<PiiOptions> options;
    private volatile Built current;

    public PiiRedactor(IOptionsMonitor<PiiOptions> options)
    {
        this.options = options;
        current = new Built(options.CurrentValue, Build(options.CurrentValue));
    }

    private sealed record Built(PiiOptions Options, PiiPolicy Policy);

    public PiiOptions Options => options.CurrentValue;

    /// <summary>The policy for data at rest; <see cref="PiiPolicy.None"/> when <see cref="PiiOptions.AtRest"/> is off.</summary>
    public PiiPolicy AtRest => Options.AtRest ? Policy : PiiPolicy.None;

    /// <summary>A prompt as the request log keeps it.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Options.Enabled ? Policy.RedactText(text).Text : text;
    }

    private PiiPolicy Policy
    {
        get
        {
            var now = options.CurrentValue;
            var seen = current;
            if (ReferenceEquals(seen.Options, now)) return seen.Policy;
            var built = new Built(now, Build(now));
            current = built;
            return built.Policy;
        }
    }

    /// <summary>The policy <paramref name="pii"/> describes; an unknown category or a pattern the engine refuses throws with its name.</summary>
    public static PiiPolicy Build(PiiOptions pii)
    {
        ArgumentNullException.ThrowIfNull(pii);
        var patterns = (pii.Categories ?? [.. PiiPolicy.BuiltInCategories]).Select(PiiPolicy.BuiltIn).ToList();
        foreach (var (name, pattern) in pii.CustomPatterns)
        {
            try
            {
                patterns.Add(PiiPattern.Custom(name, pattern));
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
            {
                throw new OptionsValidationException(PiiOptions.SectionName, typeof(PiiOptions),
                    [$"AiFlow:Pii:CustomPatterns:{name} is not a usable pattern: {ex.Message}"]);
            }
        }
        return new PiiPolicy(patterns);
    }
}
