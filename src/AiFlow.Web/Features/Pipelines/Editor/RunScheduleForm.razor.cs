using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Runs.Scheduling;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>
/// A pipeline's run schedule: Quartz cron, time zone, enabled, and the input of each scheduled run. Admins set it, Ops
/// read it. The next five fire times are computed as the author types, with Quartz's own <c>CronExpression</c> in the
/// chosen zone; the service refuses a bad value by field and nothing changes.
/// </summary>
public sealed partial class RunScheduleForm
{
    private static readonly IReadOnlyList<string> Zones = [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Order(StringComparer.Ordinal)];

    private PipelineScheduleView? stored;
    private string? cron;
    private string? zone;
    private bool enabled = true;
    private string? input;
    private string? problem;
    private string? problemAt;
    private bool loaded;
    private bool busy;

    [Parameter, EditorRequired] public string PipelineKey { get; set; } = "";

    [Parameter, EditorRequired] public ClaimsPrincipal User { get; set; } = new();

    [Parameter] public EventCallback Closed { get; set; }

    [Inject] private PipelineScheduleService Schedules { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private bool CanEdit => User.IsInRole(Roles.Admin);

    private string ZoneLabel => string.IsNullOrWhiteSpace(zone) ? ScheduleFireTimes.DefaultZone : zone.Trim();

    /// <summary>The live reason the cron is refused, or the one the server gave at save.</summary>
    private string? CronError => string.IsNullOrWhiteSpace(cron) ? null : ScheduleFireTimes.Problem(cron) ?? (problemAt == "/cron" ? problem : null);

    private IReadOnlyList<DateTimeOffset> Preview =>
        string.IsNullOrWhiteSpace(cron) || ScheduleFireTimes.Problem(cron) is not null || ScheduleFireTimes.Zone(zone) is not { } z
            ? [] : ScheduleFireTimes.Next(cron, z, Clock.GetUtcNow());

    private string? PreviewNote =>
        string.IsNullOrWhiteSpace(cron) ? "No schedule: runs start only by hand or through the API."
        : ScheduleFireTimes.Problem(cron) is not null ? "No fire times: the cron is not valid."
        : ScheduleFireTimes.Zone(zone) is null ? $"No fire times: '{zone}' is not a time zone this server knows."
        : Preview.Count == 0 ? "This expression never fires again."
        : enabled ? null : "The schedule is disabled: it would fire at these times once enabled.";

    private string State => stored?.Cron is null ? "No schedule is set."
        : stored.Enabled ? $"Enabled: {stored.Cron} ({stored.TimeZone})." : $"Disabled: {stored.Cron} ({stored.TimeZone}).";

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        loaded = true;
    }

    private async Task LoadAsync()
    {
        stored = await Schedules.GetAsync(PipelineKey, CancellationToken.None);
        (cron, zone, enabled, input) = (stored?.Cron, stored?.TimeZone, stored?.Enabled ?? true, stored?.InputJson ?? "{}");
    }

    private Task<IEnumerable<string>> SearchZones(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(string.IsNullOrWhiteSpace(text) ? Zones : Zones.Where(z => z.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)));

    private async Task SaveAsync()
    {
        if (!CanEdit) return;
        busy = true;
        try
        {
            var result = await Schedules.SetAsync(PipelineKey, new PipelineScheduleSettings(cron, zone, enabled, input), CancellationToken.None);
            (problem, problemAt) = (result.Problem, result.Pointer);
            if (!result.Succeeded) return;
            await LoadAsync();
            Snackbar.Add(stored?.Cron is null ? "The run schedule was removed." : "The run schedule was saved.", Severity.Success);
        }
        finally
        {
            busy = false;
        }
    }
}
