namespace AiFlow.Infrastructure.Inference.Accounting;

/// <summary>Bound from <c>AiFlow:Pii</c>.</summary>
public sealed class PiiOptions
{
    public const string SectionName = "AiFlow:Pii";

    /// <summary>Redact e-mail addresses, phone numbers, IBANs and card numbers from stored prompts.</summary>
    public bool Enabled { get; set; } = true;
}
