using System.Text.Json.Nodes;

namespace AiFlow.Web.Features.Runs;

/// <summary>
/// <c>PUT /api/pipelines/{key}/schedule</c>: a Quartz cron (empty or null removes the schedule), the time zone it is read
/// in (IANA id; UTC when left out), whether it fires (true when left out) and the input of each scheduled run ({} when left out).
/// </summary>
public sealed record PipelineScheduleBody(string? Cron, string? TimeZone = null, bool? Enabled = null, JsonNode? Input = null);
