using AiFlow.Infrastructure.Inference.Gateway;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AiFlow.Web.Features.Endpoints;

public partial class EndpointsPage
{
    [Inject] private EndpointAdminService Admin { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private List<EndpointSummary>? endpoints;
    private List<RouteForm>? routes;
    private readonly Dictionary<Guid, ConnectionTestResult> tests = [];
    private readonly HashSet<Guid> testing = [];
    private EndpointForm? form;
    private Guid? editingId;
    private bool editingHasStoredKey;
    private IReadOnlyDictionary<string, string[]> formProblems = new Dictionary<string, string[]>();
    private RouteForm route = new();
    private string? routeProblem;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        endpoints = await Admin.ListAsync(CancellationToken.None);
        routes = await Admin.ListRoutesAsync(CancellationToken.None);
    }

    private string NameOf(Guid id) => endpoints?.FirstOrDefault(e => e.Id == id)?.Name ?? $"missing {id}";

    private static string HealthOf(EndpointSummary e) =>
        e.LastErrorAt is null && e.LastSuccessAt is null ? "Unknown"
        : e.LastErrorAt is null || (e.LastSuccessAt is not null && e.LastSuccessAt > e.LastErrorAt) ? "Healthy"
        : "Failing";

    private static Color HealthColor(EndpointSummary e) => HealthOf(e) switch
    {
        "Healthy" => Color.Success,
        "Failing" => Color.Error,
        _ => Color.Default,
    };

    private static string ErrorRateText(EndpointSummary e) =>
        e.ErrorRateLastHour is { } rate ? $"{rate:P0} errors in {e.CallsLastHour} calls (1 h)" : "No calls in the last hour";

    private void StartAdd()
    {
        form = new EndpointForm();
        editingId = null;
        editingHasStoredKey = false;
        formProblems = new Dictionary<string, string[]>();
    }

    private void StartEdit(EndpointSummary e)
    {
        form = new EndpointForm
        {
            Name = e.Name, Kind = e.Kind, Provider = e.Provider, BaseUrl = e.BaseUrl, Model = e.Model, ApiKeyEnvVar = e.ApiKeyEnvVar,
            TimeoutMs = e.TimeoutMs, MaxConcurrency = e.MaxConcurrency, PricePer1MInputTokens = e.PricePer1MInputTokens,
            PricePer1MOutputTokens = e.PricePer1MOutputTokens, PricePerGpuSecond = e.PricePerGpuSecond, Enabled = e.Enabled, IsSimulator = e.IsSimulator,
            Premium = e.Premium, FetchesMediaUrls = e.FetchesMediaUrls,
            Replicas = [.. e.Replicas.Select(r => new AiFlow.Domain.Inference.EndpointReplica { BaseUrl = r.BaseUrl, Weight = r.Weight, MaxConcurrency = r.MaxConcurrency })],
        };
        editingId = e.Id;
        editingHasStoredKey = e.HasStoredApiKey;
        formProblems = new Dictionary<string, string[]>();
    }

    private void CancelEdit() => form = null;

    private async Task SaveAsync()
    {
        if (form is null) return;
        var saved = editingId is { } id ? await Admin.UpdateAsync(id, form, CancellationToken.None) : await Admin.CreateAsync(form, CancellationToken.None);
        if (saved is null || !saved.Saved)
        {
            formProblems = saved?.Problems ?? new Dictionary<string, string[]> { ["name"] = ["The endpoint no longer exists."] };
            return;
        }

        form = null;
        await LoadAsync();
    }

    private async Task DeleteAsync(EndpointSummary e)
    {
        var sure = await Dialogs.ShowMessageBoxAsync("Delete endpoint", $"Delete {e.Name}? Routes lose it from their chains.", yesText: "Delete", cancelText: "Cancel");
        if (sure != true) return;
        await Admin.DeleteAsync(e.Id, CancellationToken.None);
        await LoadAsync();
    }

    private async Task TestAsync(Guid id)
    {
        testing.Add(id);
        try
        {
            tests[id] = await Admin.TestAsync(id, CancellationToken.None);
            await LoadAsync();
        }
        finally
        {
            testing.Remove(id);
        }
    }

    private void NewRoute()
    {
        route = new RouteForm();
        routeProblem = null;
    }

    private void EditRoute(RouteForm r)
    {
        route = new RouteForm { Id = r.Id, Name = r.Name, TaskType = r.TaskType, EndpointChain = [.. r.EndpointChain], FallBackOnInvalidOutput = r.FallBackOnInvalidOutput };
        routeProblem = null;
    }

    private async Task SaveRouteAsync()
    {
        routeProblem = await Admin.SaveRouteAsync(route, CancellationToken.None);
        if (routeProblem is null)
        {
            route = new RouteForm();
            await LoadAsync();
        }
    }

    private async Task DeleteRouteAsync(RouteForm r)
    {
        if (r.Id is not { } id) return;
        var sure = await Dialogs.ShowMessageBoxAsync("Delete route",
            $"Delete route {r.Name}? Steps that route by task type '{r.TaskType}' use another route for it, or none.", yesText: "Delete", cancelText: "Cancel");
        if (sure != true) return;
        routeProblem = await Admin.DeleteRouteAsync(id, CancellationToken.None);
        await LoadAsync();
    }
}
