using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Persistence;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Endpoints;

public partial class EndpointsPage
{
    [Inject] private IDbContextFactory<AiFlowDbContext> Contexts { get; set; } = default!;

    private sealed record EndpointRow(Guid Id, string Name, EndpointKind Kind, EndpointProvider Provider, string BaseUrl, string Model,
        int MaxConcurrency, decimal PriceIn, decimal PriceOut, decimal PriceGpuSecond, bool Enabled, bool IsSimulator,
        DateTimeOffset? LastSuccessAt, DateTimeOffset? LastErrorAt, string? LastError);

    private sealed record RouteRow(string Name, string TaskType, List<string> Chain, bool FallBackOnInvalidOutput);

    private List<EndpointRow>? endpoints;
    private List<RouteRow>? routes;

    protected override async Task OnInitializedAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        endpoints = await db.InferenceEndpoints.AsNoTracking().OrderBy(e => e.Name)
            .Select(e => new EndpointRow(e.Id, e.Name, e.Kind, e.Provider, e.BaseUrl, e.Model, e.MaxConcurrency,
                e.PricePer1MInputTokens, e.PricePer1MOutputTokens, e.PricePerGpuSecond, e.Enabled, e.IsSimulator,
                e.LastSuccessAt, e.LastErrorAt, e.LastError))
            .ToListAsync();
        var names = endpoints.ToDictionary(e => e.Id, e => e.Name);
        var raw = await db.ModelRoutes.AsNoTracking().OrderBy(r => r.Name)
            .Select(r => new { r.Name, r.TaskType, r.EndpointChain, r.FallBackOnInvalidOutput })
            .ToListAsync();
        routes = raw.Select(r => new RouteRow(r.Name, r.TaskType,
            [.. r.EndpointChain.Select(id => names.GetValueOrDefault(id) ?? $"missing {id}")], r.FallBackOnInvalidOutput)).ToList();
    }
}
