using System.Security.Claims;
using AiFlow.Infrastructure.Metrics;
using Microsoft.AspNetCore.Components;

namespace AiFlow.Web.Features.Metrics;

/// <summary>The definitions table; an Admin opens the editor to add a metric or change one.</summary>
public sealed partial class MetricDefinitionsTab
{
    private readonly MetricEditSession<MetricDefinitionView, MetricDefinitionForm> session = new(MetricDefinitionForm.From, () => new());

    [Parameter, EditorRequired] public IReadOnlyList<MetricDefinitionView> Definitions { get; set; } = [];

    /// <summary>Whether the editing controls show; the service checks the role again on save.</summary>
    [Parameter] public bool IsAdmin { get; set; }

    [Parameter, EditorRequired] public ClaimsPrincipal User { get; set; } = default!;

    /// <summary>Raised after a save or a reload, to reload the catalogue.</summary>
    [Parameter] public EventCallback OnSaved { get; set; }

    [Inject] private MetricCatalogService Catalog { get; set; } = default!;

    private async Task SaveAsync()
    {
        var saved = await session.SaveAsync((form, editing) => editing is null
            ? Catalog.CreateDefinitionAsync(form.ToInput(), User, CancellationToken.None)
            : Catalog.UpdateDefinitionAsync(editing.Key, editing.Version, form.ToInput(), User, CancellationToken.None));
        if (saved) await OnSaved.InvokeAsync();
    }

    private async Task ReloadAsync()
    {
        await session.ReloadAsync(editing => Catalog.GetDefinitionAsync(editing.Key, CancellationToken.None));
        await OnSaved.InvokeAsync();
    }

    private string historyKey = "";
    private IReadOnlyList<CatalogVersionView<MetricDefinitionView>>? history;

    /// <summary>Opens the numbered versions of <paramref name="key"/> above the table.</summary>
    private async Task ShowHistoryAsync(string key)
    {
        historyKey = key;
        history = await Catalog.DefinitionHistoryAsync(key, CancellationToken.None) ?? [];
    }
}
