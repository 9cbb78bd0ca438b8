using System.Globalization;
using AiFlow.Domain.Runs;
using AiFlow.Web.Api;
using AiFlow.Web.Features.Runs.List;

namespace AiFlow.Web.Features.Monitoring;

/// <summary>
/// <c>GET /api/monitoring/runs</c>'s query, read strictly: the console's run list forgives a malformed URL, an API caller
/// is told which parameter is wrong before any query runs (ADR 0021).
/// </summary>
public sealed record MonitoringRunQuery(RunFilter Filter, RunSort Sort, bool Descending, int Page, int PageSize)
{
    private const decimal MaxCost = 1_000_000_000m;
    private const int MaxText = 500;

    public static (MonitoringRunQuery? Query, IResult? Problem) Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filter = new RunFilter();
        if (Parse(request, "pipelineId", (string s, out Guid g) => Guid.TryParse(s, out g), "an id (a GUID)", out Guid? pipelineId) is { } p1) return (null, p1);
        if (Parse(request, "versionId", (string s, out Guid g) => Guid.TryParse(s, out g), "an id (a GUID)", out Guid? versionId) is { } p2) return (null, p2);
        if (Parse(request, "status", TryEnum, $"one of {string.Join(", ", Enum.GetNames<RunStatus>())}", out RunStatus? status) is { } p3) return (null, p3);
        if (Parse(request, "trigger", TryEnum, $"one of {string.Join(", ", Enum.GetNames<RunTrigger>())}", out RunTrigger? trigger) is { } p4) return (null, p4);
        if (Parse(request, "invalidIr", bool.TryParse, "true or false", out bool? invalidIr) is { } p5) return (null, p5);
        if (Parse(request, "minCost", TryCost, $"a number from 0 to {MaxCost}", out decimal? minCost) is { } p6) return (null, p6);
        if (Parse(request, "maxCost", TryCost, $"a number from 0 to {MaxCost}", out decimal? maxCost) is { } p7) return (null, p7);
        if (Parse(request, "sort", TryEnum, $"one of {string.Join(", ", Enum.GetNames<RunSort>())}", out RunSort? sort) is { } p8) return (null, p8);
        var (from, fromProblem) = ApiQuery.Date(request, "from");
        if (fromProblem is not null) return (null, fromProblem);
        var (to, toProblem) = ApiQuery.Date(request, "to");
        if (toProblem is not null) return (null, toProblem);
        var text = request.Query["q"].ToString();
        if (text.Length > MaxText) return (null, ApiProblems.Parameter("q", $"q is at most {MaxText} characters."));
        var dir = request.Query["dir"].ToString();
        if (dir is not ("" or "asc" or "desc")) return (null, ApiProblems.Parameter("dir", "dir is asc or desc."));
        var (page, pageProblem) = ApiQuery.Int(request, "page", 0, 0, ApiQuery.MaxPage);
        if (pageProblem is not null) return (null, pageProblem);
        var (size, sizeProblem) = ApiQuery.Int(request, "pageSize", 50, 1, RunListQueries.MaxPageSize);
        if (sizeProblem is not null) return (null, sizeProblem);

        filter.PipelineId = pipelineId;
        filter.PipelineVersionId = versionId;
        filter.Status = status;
        filter.Trigger = trigger;
        filter.From = from;
        filter.To = to;
        filter.HasInvalidIr = invalidIr;
        filter.MinCost = minCost;
        filter.MaxCost = maxCost;
        filter.Text = text.Length == 0 ? null : text;
        return (new MonitoringRunQuery(filter, sort ?? RunSort.Created, dir != "asc", page, size), null);
    }

    private delegate bool TryParser<T>(string text, out T value);

    private static IResult? Parse<T>(HttpRequest request, string name, TryParser<T> parse, string expected, out T? value) where T : struct
    {
        value = null;
        var text = request.Query[name].ToString();
        if (text.Length == 0) return null;
        if (!parse(text, out var parsed)) return ApiProblems.Parameter(name, $"{name} must be {expected}.");
        value = parsed;
        return null;
    }

    /// <summary>One name of the enum (any case): "99" and "Running,Failed" are not a status.</summary>
    private static bool TryEnum<T>(string text, out T value) where T : struct, Enum
    {
        var parsed = EnumNameConverter.Parse<T>(text);
        value = parsed.GetValueOrDefault();
        return parsed is not null;
    }

    private static bool TryCost(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out value) && value >= 0 && value <= MaxCost;
}
