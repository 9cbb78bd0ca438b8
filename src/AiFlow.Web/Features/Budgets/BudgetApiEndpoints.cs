using AiFlow.Infrastructure.Budgets;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Budgets;

/// <summary><c>/api/budgets</c>: every budget with its spend (Admin and Ops); creating, changing and deleting one (Admin).</summary>
public static class BudgetApiEndpoints
{
    private const int MaxBodyBytes = 4096;

    public static void MapBudgetApi(this RouteGroupBuilder api)
    {
        var budgets = api.MapGroup("/budgets");
        budgets.MapGet("/", async (BudgetSpendReader reader, TimeProvider clock, CancellationToken ct) =>
            Results.Ok((await reader.ReadAsync(clock.GetUtcNow(), ct)).Select(BudgetResponse.From)))
            .RequireAuthorization(Policies.AdminOps);

        budgets.MapGet("/{id:guid}", async (Guid id, BudgetSpendReader reader, TimeProvider clock, CancellationToken ct) =>
            (await reader.ReadAsync(clock.GetUtcNow(), ct)).FirstOrDefault(b => b.Id == id) is { } budget
                ? Results.Ok(BudgetResponse.From(budget))
                : ApiProblems.Status(StatusCodes.Status404NotFound, "There is no such budget."))
            .RequireAuthorization(Policies.AdminOps);

        budgets.MapPost("/", async (HttpRequest request, BudgetService service, BudgetSpendReader reader, TimeProvider clock, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<BudgetBody>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            var result = await service.CreateAsync(body!.ToInput(), request.HttpContext.User.Identity?.Name, ct);
            return await ToHttpAsync(result, reader, clock, id => $"/api/budgets/{id}", ct);
        }).RequireAuthorization(Policies.AdminOnly);

        budgets.MapPut("/{id:guid}", async (Guid id, HttpRequest request, BudgetService service, BudgetSpendReader reader, TimeProvider clock, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<BudgetBody>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            return await ToHttpAsync(await service.UpdateAsync(id, body!.ToInput(), ct), reader, clock, null, ct);
        }).RequireAuthorization(Policies.AdminOnly);

        budgets.MapDelete("/{id:guid}", async (Guid id, BudgetService service, CancellationToken ct) =>
            await service.DeleteAsync(id, ct) ? Results.NoContent() : ApiProblems.Status(StatusCodes.Status404NotFound, "There is no such budget."))
            .RequireAuthorization(Policies.AdminOnly);
    }

    /// <summary>Saved: the budget as GET answers it (201 with its address when created); otherwise a problem naming the field.</summary>
    private static async Task<IResult> ToHttpAsync(BudgetSaveResult result, BudgetSpendReader reader, TimeProvider clock, Func<Guid, string>? createdAt,
        CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case BudgetSaveOutcome.Saved:
                var saved = BudgetResponse.From((await reader.ReadAsync(clock.GetUtcNow(), ct)).First(b => b.Id == result.Id));
                return createdAt is null ? Results.Ok(saved) : Results.Created(createdAt(saved.Id), saved);
            case BudgetSaveOutcome.NotFound:
                return ApiProblems.Status(StatusCodes.Status404NotFound, result.Problem!);
            case BudgetSaveOutcome.Duplicate:
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: result.Problem,
                    extensions: new Dictionary<string, object?> { ["pointer"] = result.Pointer });
            default:
                return JsonBinding.Problem(result.Pointer!, result.Problem!);
        }
    }
}
