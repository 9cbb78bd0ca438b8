using System.Globalization;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Web.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace AiFlow.Web.Features.Runs.List;

/// <summary>What the run list, its totals, the dashboards' drill-down and the monitoring API filter runs by.</summary>
public sealed class RunFilter
{
    public Guid? PipelineId { get; set; }
    public Guid? PipelineVersionId { get; set; }
    public RunStatus? Status { get; set; }
    public RunTrigger? Trigger { get; set; }
    /// <summary>Created at or after (inclusive).</summary>
    public DateTimeOffset? From { get; set; }
    /// <summary>Created before (exclusive).</summary>
    public DateTimeOffset? To { get; set; }
    /// <summary>Only runs with (true) or without (false) an invalid IR artifact in any step.</summary>
    public bool? HasInvalidIr { get; set; }
    public decimal? MinCost { get; set; }
    public decimal? MaxCost { get; set; }
    /// <summary>Text anywhere in the run's input JSON (case-insensitive).</summary>
    public string? Text { get; set; }

    public IQueryable<PipelineRun> Apply(IQueryable<PipelineRun> runs)
    {
        if (PipelineId is { } pipeline) runs = runs.Where(r => r.PipelineDefinitionId == pipeline);
        if (PipelineVersionId is { } version) runs = runs.Where(r => r.PipelineVersionId == version);
        if (Status is { } status) runs = runs.Where(r => r.Status == status);
        if (Trigger is { } trigger) runs = runs.Where(r => r.Trigger == trigger);
        if (From is { } from) runs = runs.Where(r => r.CreatedAt >= from);
        if (To is { } to) runs = runs.Where(r => r.CreatedAt < to);
        if (MinCost is { } min) runs = runs.Where(r => r.CostUsd >= min);
        if (MaxCost is { } max) runs = runs.Where(r => r.CostUsd <= max);
        if (HasInvalidIr is { } invalid)
        {
            runs = invalid
                ? runs.Where(r => r.Steps.Any(s => s.Artifacts.Any(a => !a.IsValid)))
                : runs.Where(r => !r.Steps.Any(s => s.Artifacts.Any(a => !a.IsValid)));
        }
        // A NUL cannot be in stored text, and PostgreSQL refuses it in a parameter: it is searched for as nothing.
        var text = Text?.Replace("\0", "", StringComparison.Ordinal);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = "%" + EscapeLike(text.Trim()) + "%";
            runs = runs.Where(r => EF.Functions.ILike(JsonText.Of(r.InputJson), pattern, "\\"));
        }
        return runs;
    }

    /// <summary>The filter as query-string pairs (only what is set), for links such as a dashboard's drill-down.</summary>
    public Dictionary<string, string?> ToQuery() => new()
    {
        ["pipelineId"] = PipelineId?.ToString(),
        ["versionId"] = PipelineVersionId?.ToString(),
        ["status"] = Status?.ToString(),
        ["trigger"] = Trigger?.ToString(),
        ["from"] = QueryTime(From),
        ["to"] = QueryTime(To),
        ["invalidIr"] = HasInvalidIr is { } b ? (b ? "true" : "false") : null,
        ["minCost"] = MinCost?.ToString(CultureInfo.InvariantCulture),
        ["maxCost"] = MaxCost?.ToString(CultureInfo.InvariantCulture),
        ["q"] = string.IsNullOrWhiteSpace(Text) ? null : Text,
    };

    /// <summary>Reads the pairs <see cref="ToQuery"/> writes; values that do not parse are ignored.</summary>
    public static RunFilter FromQuery(Func<string, StringValues> get)
    {
        string? One(string key) => get(key).FirstOrDefault() is { Length: > 0 } v ? v : null;
        return new RunFilter
        {
            PipelineId = Guid.TryParse(One("pipelineId"), out var p) ? p : null,
            PipelineVersionId = Guid.TryParse(One("versionId"), out var v) ? v : null,
            Status = EnumNameConverter.Parse<RunStatus>(One("status")),
            Trigger = EnumNameConverter.Parse<RunTrigger>(One("trigger")),
            From = DateTimeOffset.TryParse(One("from"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var f) ? f : null,
            To = DateTimeOffset.TryParse(One("to"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var u) ? u : null,
            HasInvalidIr = bool.TryParse(One("invalidIr"), out var i) ? i : null,
            MinCost = decimal.TryParse(One("minCost"), NumberStyles.Number, CultureInfo.InvariantCulture, out var min) ? min : null,
            MaxCost = decimal.TryParse(One("maxCost"), NumberStyles.Number, CultureInfo.InvariantCulture, out var max) ? max : null,
            Text = One("q"),
        };
    }

    /// <summary>ISO 8601 in UTC to the second: short enough to read in an address ("2026-12-06T14:00:00Z").</summary>
    private static string? QueryTime(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
