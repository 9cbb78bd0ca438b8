using System.Globalization;
using System.Security.Claims;
using AiFlow.Domain.Metrics;
using AiFlow.Infrastructure.Metrics;
using Microsoft.AspNetCore.Components;

namespace AiFlow.Web.Features.Metrics;

/// <summary>The profiles table with each profile's targets; an Admin opens the editor to add a profile or change one.</summary>
public sealed partial class MetricProfilesTab
{
    private readonly MetricEditSession<MetricProfileView, MetricProfileForm> session = new(MetricProfileForm.From, () => new());

    [Parameter, EditorRequired] public IReadOnlyList<MetricProfileView> Profiles { get; set; } = [];

    /// <summary>The metrics a target may name, for the picker and for reading targets as bounds.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<MetricDefinitionView> Definitions { get; set; } = [];

    /// <summary>Whether the editing controls show; the service checks the role again on save.</summary>
    [Parameter] public bool IsAdmin { get; set; }

    [Parameter, EditorRequired] public ClaimsPrincipal User { get; set; } = default!;

    /// <summary>Raised after a save or a reload, to reload the catalogue.</summary>
    [Parameter] public EventCallback OnSaved { get; set; }

    [Inject] private MetricCatalogService Catalog { get; set; } = default!;

    /// <summary>"latency_ms ≤ 5000", "schema_valid ≥ 1 ×2", or the key alone when there is no target.</summary>
    private string TargetText(MetricTarget t)
    {
        var lower = Definitions.FirstOrDefault(d => d.Key == t.MetricKey)?.Direction == MetricDirection.LowerIsBetter;
        var bound = t.Target is { } v ? $" {(lower ? "≤" : "≥")} {v.ToString("0.####", CultureInfo.InvariantCulture)}" : "";
        var weight = t.Weight == 1 ? "" : $" ×{t.Weight.ToString("0.##", CultureInfo.InvariantCulture)}";
        return t.MetricKey + bound + weight;
    }

    private async Task SaveAsync()
    {
        var saved = await session.SaveAsync((form, editing) => editing is null
            ? Catalog.CreateProfileAsync(form.ToInput(), User, CancellationToken.None)
            : Catalog.UpdateProfileAsync(editing.Key, editing.Version, form.ToInput(), User, CancellationToken.None));
        if (saved) await OnSaved.InvokeAsync();
    }

    private async Task ReloadAsync()
    {
        await session.ReloadAsync(editing => Catalog.GetProfileAsync(editing.Key, CancellationToken.None));
        await OnSaved.InvokeAsync();
    }

    private string historyKey = "";
    private IReadOnlyList<CatalogVersionView<MetricProfileView>>? history;

    /// <summary>Opens the numbered versions of <paramref name="key"/> above the table.</summary>
    private async Task ShowHistoryAsync(string key)
    {
        historyKey = key;
        history = await Catalog.ProfileHistoryAsync(key, CancellationToken.None) ?? [];
    }
}
