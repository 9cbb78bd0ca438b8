using System.Globalization;
using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Inference.Security;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Endpoints;

/// <summary>Endpoint and route administration for the page and the HTTP API: validated writes, health read-out, test connection.</summary>
public sealed class EndpointAdminService(
    IDbContextFactory<AiFlowDbContext> contexts,
    SsrfGuard ssrf,
    InferenceGateway gateway,
    EndpointCatalog catalog,
    ApiKeys keys,
    TimeProvider time)
{
    private const int MaxReplicas = 32;

    /// <summary>The largest price the price columns (numeric(18, 6)) can hold, rounded down to a round figure.</summary>
    public const decimal MaxPrice = 1_000_000_000m;

    public Task<List<EndpointSummary>> ListAsync(CancellationToken ct) => SummariesAsync(null, ct);

    /// <summary>One endpoint as the list shows it, or null; its own call stats only, not every endpoint's.</summary>
    public async Task<EndpointSummary?> GetAsync(Guid id, CancellationToken ct) => (await SummariesAsync(id, ct)).SingleOrDefault();

    private async Task<List<EndpointSummary>> SummariesAsync(Guid? id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var since = time.GetUtcNow().AddHours(-1);
        var stats = await db.AiRequestLogs.AsNoTracking().Where(r => r.CreatedAt >= since && r.EndpointId != null && (id == null || r.EndpointId == id))
            .GroupBy(r => r.EndpointId)
            .Select(g => new { Id = g.Key, Calls = g.Count(), Errors = g.Count(r => r.Status != AttemptStatus.Ok) })
            .ToDictionaryAsync(x => x.Id!.Value, ct);
        var endpoints = await db.InferenceEndpoints.AsNoTracking().Where(e => id == null || e.Id == id).OrderBy(e => e.Name).ToListAsync(ct);
        return [.. endpoints.Select(e =>
        {
            var s = stats.GetValueOrDefault(e.Id);
            return new EndpointSummary(e.Id, e.Name, e.Kind, e.Provider, e.BaseUrl, e.Model, e.ApiKeyEnvVar, e.ApiKeySecret != null, e.TimeoutMs, e.MaxConcurrency,
                e.PricePer1MInputTokens, e.PricePer1MOutputTokens, e.PricePerGpuSecond, e.Enabled, e.IsSimulator,
                e.LastSuccessAt, e.LastErrorAt, e.LastError, s?.Calls ?? 0, s is { Calls: > 0 } ? (double)s.Errors / s.Calls : null,
                e.Replicas, e.Tags.Contains(InferenceEndpoint.PremiumTag, StringComparer.OrdinalIgnoreCase), e.FetchesMediaUrls);
        })];
    }

    /// <summary>Synchronous checks the form can show as the admin types (no DNS).</summary>
    public string? CheckUrl(string? url) => ssrf.CheckUrl(url);

    /// <summary>Null, or why the name is refused: only <c>AIFLOW_ENDPOINT_KEY_…</c> variables may hold endpoint keys.</summary>
    public static string? CheckEnvVar(string? name) => ApiKeys.CheckVariableName(name);

    public async Task<Dictionary<string, string[]>> ValidateAsync(EndpointForm form, Guid? id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(form.Name)) problems["name"] = ["A name is required."];
        if (string.IsNullOrWhiteSpace(form.Model)) problems["model"] = ["A model (or Azure deployment) is required."];
        if (await ssrf.CheckUrlAsync(form.BaseUrl?.Trim(), ct) is { } url) problems["baseUrl"] = [url];
        if (CheckEnvVar(form.ApiKeyEnvVar) is { } env) problems["apiKeyEnvVar"] = [env];
        if (!string.IsNullOrWhiteSpace(form.ApiKey) && !string.IsNullOrWhiteSpace(form.ApiKeyEnvVar))
        {
            problems["apiKey"] = ["Give the key either as a variable name or as a key to store, not both."];
        }
        if (form.TimeoutMs is < 100 or > 600_000) problems["timeoutMs"] = ["Timeout must be between 100 ms and 10 minutes."];
        if (form.MaxConcurrency is < 1 or > 1024) problems["maxConcurrency"] = ["Max concurrency must be between 1 and 1024."];
        CheckPrice(problems, "pricePer1MInputTokens", form.PricePer1MInputTokens);
        CheckPrice(problems, "pricePer1MOutputTokens", form.PricePer1MOutputTokens);
        CheckPrice(problems, "pricePerGpuSecond", form.PricePerGpuSecond);
        await ValidateReplicasAsync(form, problems, ct);
        if (!problems.ContainsKey("name"))
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var name = form.Name.Trim();
            if (await db.InferenceEndpoints.AnyAsync(e => e.Name == name && e.Id != id, ct)) problems["name"] = ["Another endpoint has this name."];
        }

        return problems;
    }

    /// <summary>Prices are kept as numeric(18, 6): at most six decimals and below a trillion dollars, never negative.</summary>
    private static void CheckPrice(Dictionary<string, string[]> problems, string field, decimal price)
    {
        if (price < 0) problems[field] = ["Prices cannot be negative."];
        else if (price > MaxPrice) problems[field] = [string.Create(CultureInfo.InvariantCulture, $"A price may be at most ${MaxPrice:N0}.")];
        else if (decimal.Round(price, 6) != price) problems[field] = ["A price may have at most six decimals."];
    }

    /// <summary>Each replica as carefully as the base URL (SSRF with DNS), with its share and concurrency in range and no URL twice.</summary>
    private async Task ValidateReplicasAsync(EndpointForm form, Dictionary<string, string[]> problems, CancellationToken ct)
    {
        if (form.Replicas is null)
        {
            problems["replicas"] = ["Replicas must be a list (empty for a single server)."];
            return;
        }

        if (form.Replicas.Count > MaxReplicas) problems["replicas"] = [$"At most {MaxReplicas} replicas beside the base URL."];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { form.BaseUrl?.Trim().TrimEnd('/') ?? "" };
        for (var i = 0; i < Math.Min(form.Replicas.Count, MaxReplicas); i++)
        {
            var replica = form.Replicas[i];
            var at = $"replicas/{i}";
            if (replica is null)
            {
                problems[at] = ["A replica needs a baseUrl."];
                continue;
            }

            if (await ssrf.CheckUrlAsync(replica.BaseUrl?.Trim(), ct) is { } url) problems[at + "/baseUrl"] = [url];
            else if (!seen.Add(replica.BaseUrl!.Trim().TrimEnd('/'))) problems[at + "/baseUrl"] = ["This URL is already in the pool."];
            if (replica.Weight is < 1 or > 100) problems[at + "/weight"] = ["Weight must be between 1 and 100."];
            if (replica.MaxConcurrency is < 1 or > 1024) problems[at + "/maxConcurrency"] = ["Max concurrency must be between 1 and 1024."];
        }
    }

    public async Task<EndpointSaveResult> CreateAsync(EndpointForm form, CancellationToken ct)
    {
        var problems = await ValidateAsync(form, null, ct);
        if (problems.Count > 0) return new EndpointSaveResult(null, problems);
        var endpoint = new InferenceEndpoint();
        form.ApplyTo(endpoint);
        ApplyKey(form, endpoint);
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.InferenceEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        return new EndpointSaveResult(endpoint.Id, problems);
    }

    /// <summary>Null when no such endpoint. Health columns are written by the gateway with ExecuteUpdate; the admin's
    /// write re-reads the row (so a health update between load and save is not a conflict) and sets only admin fields.</summary>
    public async Task<EndpointSaveResult?> UpdateAsync(Guid id, EndpointForm form, CancellationToken ct)
    {
        var problems = await ValidateAsync(form, id, ct);
        for (var tries = 0; ; tries++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var endpoint = await db.InferenceEndpoints.FirstOrDefaultAsync(e => e.Id == id, ct);
            if (endpoint is null) return null;
            if (problems.Count > 0) return new EndpointSaveResult(null, problems);
            form.ApplyTo(endpoint);
            ApplyKey(form, endpoint);
            try
            {
                await db.SaveChangesAsync(ct);
                catalog.Invalidate();
                return new EndpointSaveResult(id, problems);
            }
            catch (DbUpdateConcurrencyException) when (tries < 2)
            {
                // A health write landed between our read and write: read again and re-apply.
            }
        }
    }

    /// <summary>One key source at a time: a new key replaces the variable, a variable replaces the stored key.</summary>
    private void ApplyKey(EndpointForm form, InferenceEndpoint endpoint)
    {
        if (!string.IsNullOrWhiteSpace(form.ApiKey))
        {
            endpoint.ApiKeySecret = keys.Protect(form.ApiKey);
            endpoint.ApiKeyEnvVar = null;
        }
        else if (endpoint.ApiKeyEnvVar is not null || form.ClearApiKey)
        {
            endpoint.ApiKeySecret = null;
        }
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var endpoint = await db.InferenceEndpoints.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null) return false;
        db.InferenceEndpoints.Remove(endpoint);
        foreach (var route in await db.ModelRoutes.Where(r => r.EndpointChain.Contains(id)).ToListAsync(ct))
        {
            route.EndpointChain = [.. route.EndpointChain.Where(x => x != id)];
        }

        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        return true;
    }

    public Task<ConnectionTestResult> TestAsync(Guid id, CancellationToken ct) => gateway.TestEndpointAsync(id, ct);

    public async Task<List<RouteForm>> ListRoutesAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ModelRoutes.AsNoTracking().OrderBy(r => r.Name)
            .Select(r => new RouteForm { Id = r.Id, Name = r.Name, TaskType = r.TaskType, EndpointChain = r.EndpointChain, FallBackOnInvalidOutput = r.FallBackOnInvalidOutput, Strategy = r.Strategy })
            .ToListAsync(ct);
    }

    public async Task<string?> SaveRouteAsync(RouteForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (string.IsNullOrWhiteSpace(form.TaskType)) return "A task type is required.";
        if (form.EndpointChain.Count == 0) return "The chain needs at least one endpoint.";
        if (!RoutingStrategy.IsKnown(form.Strategy)) return $"The strategy must be one of {string.Join(", ", RoutingStrategy.All)}.";
        if (form.EndpointChain.Distinct().Count() != form.EndpointChain.Count) return "An endpoint appears twice in the chain.";
        await using var db = await contexts.CreateDbContextAsync(ct);
        var known = await db.InferenceEndpoints.Where(e => form.EndpointChain.Contains(e.Id)).CountAsync(ct);
        if (known != form.EndpointChain.Count) return "The chain names an endpoint that does not exist.";
        var name = string.IsNullOrWhiteSpace(form.Name) ? form.TaskType.Trim() : form.Name.Trim();
        if (await db.ModelRoutes.AnyAsync(r => r.Name == name && r.Id != form.Id, ct)) return "Another route has this name.";
        var route = form.Id is { } id ? await db.ModelRoutes.FirstOrDefaultAsync(r => r.Id == id, ct) : null;
        if (route is null)
        {
            route = new ModelRoute();
            db.ModelRoutes.Add(route);
        }

        route.Name = name;
        route.TaskType = form.TaskType.Trim();
        route.EndpointChain = [.. form.EndpointChain];
        route.FallBackOnInvalidOutput = form.FallBackOnInvalidOutput;
        route.Strategy = form.Strategy;
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        form.Id = route.Id;
        return null;
    }

    /// <summary>
    /// Deletes a route through the change tracker, so the audit trail records it; null when it is gone, else why it stays:
    /// a step or judge version that names it would have no route to call (nothing in the database stops that).
    /// </summary>
    public async Task<string?> DeleteRouteAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var route = await db.ModelRoutes.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (route is null) return null;
        var users = await db.StepVersions.Where(v => v.ModelRouteId == id).OrderBy(v => v.StepDefinition!.Key).ThenBy(v => v.Number)
            .Select(v => "step " + v.StepDefinition!.Key + " v" + v.Number).Take(5).ToListAsync(ct);
        users.AddRange(await db.JudgeVersions.Where(v => v.ModelRouteId == id).OrderBy(v => v.Number)
            .Select(v => "judge version " + v.Number).Take(5).ToListAsync(ct));
        if (users.Count > 0) return $"Route '{route.Name}' is named by {string.Join(", ", users)}: point them at another route before deleting it.";
        db.ModelRoutes.Remove(route);
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        return null;
    }
}
