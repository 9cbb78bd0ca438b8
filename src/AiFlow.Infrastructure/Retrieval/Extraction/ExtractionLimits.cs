using System.ComponentModel.DataAnnotations;

namespace AiFlow.Infrastructure.Retrieval.Extraction;

/// <summary>How much of a file extraction will read before refusing it (section <c>AiFlow:Retrieval:Extraction</c>).</summary>
public sealed class ExtractionLimits
{
    public const string Section = "AiFlow:Retrieval:Extraction";

    /// <summary>Larger files are refused before parsing: a parser's memory grows with the file.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;

    [Range(1, int.MaxValue)]
    public int MaxPages { get; set; } = 5_000;

    /// <summary>
    /// Elements nested deeper are attached beside the deepest one instead of inside it, as browsers do; real pages
    /// nest a few dozen levels, and a bound keeps any tree walk shallow.
    /// </summary>
    [Range(8, 10_000)]
    public int MaxHtmlDepth { get; set; } = 256;
}
