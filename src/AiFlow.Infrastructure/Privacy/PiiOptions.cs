namespace AiFlow.Infrastructure.Privacy;

/// <summary>The redaction policy, bound from <c>AiFlow:Pii</c>.</summary>
public sealed class PiiOptions
{
    public const string SectionName = "AiFlow:Pii";

    /// <summary>Redact the prompts kept in the request log (<c>ai_request_logs</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Redact before storing step inputs, rendered prompts, raw responses, IR artifacts, run inputs and outputs, review
    /// feedback and ground truth.
    /// </summary>
    public bool AtRest { get; set; } = true;

    /// <summary>The built-in categories to find (<c>email</c>, <c>iban</c>, <c>card</c>, <c>phone</c>); null means all of them.</summary>
    public string[]? Categories { get; set; }

    /// <summary>Extra categories: a name and a regular expression (run on the linear-time engine).</summary>
    public Dictionary<string, string> CustomPatterns { get; set; } = [];

    /// <summary>
    /// Keep each redacted original, sealed with the data-protection key ring: Admins can reveal it in the run inspector
    /// (audited), and the engine resumes a run on the originals instead of the redacted values.
    /// </summary>
    public bool KeepOriginals { get; set; }
}
