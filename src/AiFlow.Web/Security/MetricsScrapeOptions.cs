using System.ComponentModel.DataAnnotations;

namespace AiFlow.Web.Security;

/// <summary>Bound from <c>AiFlow:Metrics</c>.</summary>
public sealed class MetricsScrapeOptions
{
    public const string Section = "AiFlow:Metrics";

    /// <summary>A secret a Prometheus scraper sends as <c>Authorization: Bearer &lt;token&gt;</c> to read <c>/metrics</c>; unset, only Admin and Ops may.</summary>
    [MinLength(16)]
    public string? ScrapeToken { get; set; }
}
