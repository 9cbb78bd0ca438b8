using System.Globalization;
using AiFlow.Domain.Budgets;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Infrastructure.Budgets;

/// <summary>
/// Creates, changes and deletes budgets for the budgets page and <c>/api/budgets</c>, one validation for both; each
/// save makes the gateway read spend again at its next call, so a raised limit lets calls through at once.
/// </summary>
public sealed class BudgetService(IDbContextFactory<AiFlowDbContext> contexts, BudgetGuard guard, TimeProvider clock)
{
    /// <summary>Largest amount accepted: the column holds 12 digits before the point.</summary>
    public const decimal MaxAmountUsd = 1_000_000_000m;

    public Task<BudgetSaveResult> CreateAsync(BudgetInput input, string? createdBy, CancellationToken cancellationToken) =>
        SaveAsync(null, input, createdBy, cancellationToken);

    public Task<BudgetSaveResult> UpdateAsync(Guid id, BudgetInput input, CancellationToken cancellationToken) =>
        SaveAsync(id, input, null, cancellationToken);

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var budget = await db.Budgets.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (budget is null) return false;
        db.Budgets.Remove(budget);
        await db.SaveChangesAsync(cancellationToken);
        guard.Invalidate();
        return true;
    }

    private async Task<BudgetSaveResult> SaveAsync(Guid? id, BudgetInput input, string? createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Check(input) is { } invalid) return invalid;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Budget? budget = null;
        if (id is { } existing)
        {
            budget = await db.Budgets.FirstOrDefaultAsync(b => b.Id == existing, cancellationToken);
            if (budget is null) return new BudgetSaveResult(BudgetSaveOutcome.NotFound, null, null, "There is no such budget.");
        }

        Guid? pipelineId = null;
        if (input.Scope == BudgetScope.Pipeline)
        {
            pipelineId = await db.PipelineDefinitions.AsNoTracking().Where(p => p.Key == input.Pipeline).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (pipelineId is null) return BudgetSaveResult.Invalid("/pipeline", $"There is no pipeline '{input.Pipeline}'.");
        }
        if (input.Scope == BudgetScope.ApiKey && !await db.ApiKeys.AsNoTracking().AnyAsync(k => k.Id == input.ApiKeyId && k.RevokedAt == null, cancellationToken))
        {
            return BudgetSaveResult.Invalid("/apiKeyId", $"There is no API key {input.ApiKeyId} that is not revoked.");
        }

        var (scope, period) = (input.Scope!.Value, input.Period!.Value);
        var apiKeyId = scope == BudgetScope.ApiKey ? input.ApiKeyId : null;
        var twin = await db.Budgets.AsNoTracking()
            .Where(b => b.Scope == scope && b.Period == period && b.PipelineDefinitionId == pipelineId && b.ApiKeyId == apiKeyId && b.Id != id)
            .Select(b => b.Name).FirstOrDefaultAsync(cancellationToken);
        if (twin is not null) return Duplicate(twin, period);

        if (budget is null)
        {
            budget = new Budget { CreatedBy = createdBy, CreatedAt = clock.GetUtcNow() };
            db.Budgets.Add(budget);
        }
        budget.Name = input.Name!.Trim();
        budget.Scope = scope;
        budget.PipelineDefinitionId = pipelineId;
        budget.ApiKeyId = apiKeyId;
        budget.Period = period;
        budget.AmountUsd = input.AmountUsd!.Value;
        budget.SoftLimitPercent = input.SoftLimitPercent;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another save of the same scope and period won the race.
            return Duplicate("another budget", period);
        }
        guard.Invalidate();
        return BudgetSaveResult.Saved(budget.Id);
    }

    private static BudgetSaveResult Duplicate(string twin, BudgetPeriod period) =>
        new(BudgetSaveOutcome.Duplicate, null, "/period",
            $"This scope already has a {period.ToString().ToLowerInvariant()} budget ('{twin}'): change that one, or choose another period.");

    /// <summary>The checks that need no database, in the order a form shows its fields.</summary>
    public static BudgetSaveResult? Check(BudgetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrWhiteSpace(input.Name)) return BudgetSaveResult.Invalid("/name", "A name is required.");
        if (input.Name.Trim().Length > 100) return BudgetSaveResult.Invalid("/name", "The name may have at most 100 characters.");
        // Defined members only: a value no member has (flags combined by a lenient reader) would break every spend check.
        if (input.Scope is not { } scope || !Enum.IsDefined(scope)) return BudgetSaveResult.Invalid("/scope", "A scope is required: Global, Pipeline or ApiKey.");
        if (input.Scope == BudgetScope.Pipeline && string.IsNullOrWhiteSpace(input.Pipeline))
            return BudgetSaveResult.Invalid("/pipeline", "A pipeline budget names its pipeline by key.");
        if (input.Scope != BudgetScope.Pipeline && input.Pipeline is not null)
            return BudgetSaveResult.Invalid("/pipeline", "Only a Pipeline budget names a pipeline.");
        if (input.Scope == BudgetScope.ApiKey && input.ApiKeyId is null)
            return BudgetSaveResult.Invalid("/apiKeyId", "An API key budget names its key by id.");
        if (input.Scope != BudgetScope.ApiKey && input.ApiKeyId is not null)
            return BudgetSaveResult.Invalid("/apiKeyId", "Only an ApiKey budget names an API key.");
        if (input.Period is not { } period || !Enum.IsDefined(period)) return BudgetSaveResult.Invalid("/period", "A period is required: Day, Week or Month.");
        if (input.AmountUsd is not { } amount) return BudgetSaveResult.Invalid("/amountUsd", "An amount in USD is required.");
        if (amount <= 0) return BudgetSaveResult.Invalid("/amountUsd", "The amount must be more than $0: delete the budget to remove the limit.");
        // The column keeps six decimals: more would be rounded, down to $0 for the smallest amounts.
        if (decimal.Round(amount, 6) != amount) return BudgetSaveResult.Invalid("/amountUsd", "The amount may have at most six decimals (the smallest is $0.000001).");
        if (amount > MaxAmountUsd)
            return BudgetSaveResult.Invalid("/amountUsd", string.Create(CultureInfo.InvariantCulture, $"The amount may be at most ${MaxAmountUsd:0}."));
        if (input.SoftLimitPercent is < 1 or > 100) return BudgetSaveResult.Invalid("/softLimitPercent", "The soft limit is a percent of the amount, from 1 to 100.");
        return null;
    }
}
