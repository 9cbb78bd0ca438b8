using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Runs.Scheduling;

namespace AiFlow.Web.Features.Runs;

/// <summary><c>GET /api/pipelines/{key}/schedule</c>: the schedule with its next five fire times as local times of its zone (with their offset).</summary>
public sealed record PipelineScheduleResponse(string? Cron, string TimeZone, bool Enabled, JsonNode? Input, bool PipelineArchived, IReadOnlyList<DateTimeOffset> NextFireTimes)
{
    public static PipelineScheduleResponse From(PipelineScheduleView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Cron, view.TimeZone, view.Enabled, JsonNode.Parse(view.InputJson), view.PipelineArchived, view.NextFireTimes);
    }
}
