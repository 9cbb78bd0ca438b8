using System.Text;
using AiFlow.Domain.Evaluation;
using AiFlow.Infrastructure.Evaluation;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Evaluations;

public static class EvaluationApiEndpoints
{
    /// <summary>
    /// <c>POST /api/evaluations</c> with <c>{"target": {"step": key, "version": n}, "dataset": {"version": n}?, "baseline": {"version": n}?, "tag": "..."?}</c>
    /// (Admin) answers 202 with the evaluation's id; reads and cancel are for Admin and Ops.
    /// </summary>
    public static void MapEvaluationApi(this RouteGroupBuilder api)
    {
        var evaluations = api.MapGroup("/evaluations").RequireAuthorization(Policies.AdminOps);

        evaluations.MapPost("", async (HttpRequest request, EvaluationService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<EvaluationBody>(request, 16 * 1024, ct);
            if (error is not null) return error;
            var (parsed, problem) = Parse(body!, request.HttpContext.User.Identity?.Name);
            if (problem is not null) return problem;
            var started = await service.StartAsync(parsed!, ct);
            if (started.EvaluationId is { } id) return Results.Accepted($"/api/evaluations/{id}", new EvaluationStarted(id));
            return started.NotFound
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: started.Problem, extensions: new Dictionary<string, object?> { ["pointer"] = started.Pointer })
                : JsonBinding.Problem(started.Pointer ?? "", started.Problem ?? "The evaluation cannot start.");
        }).RequireAuthorization(Policies.AdminOnly).RequireRateLimiting(RateLimits.Costly);

        evaluations.MapGet("", async (int? page, int? pageSize, EvaluationQueries queries, CancellationToken ct) =>
        {
            if (!Paging(page, pageSize, out var p, out var size, out var invalid)) return invalid!;
            var (rows, total) = await queries.PageAsync(p - 1, size, ct);
            return Results.Ok(new ApiPage<EvaluationListItem>(p, size, total, rows.Select(EvaluationListItem.Of).ToList()));
        });

        evaluations.MapGet("/{id:guid}", async (Guid id, EvaluationQueries queries, CancellationToken ct) =>
            await queries.FindAsync(id, ct) is { } e ? Results.Ok(EvaluationView.Of(e)) : Results.NotFound());

        evaluations.MapGet("/{id:guid}/cases", async (Guid id, int? page, int? pageSize, string? metric, string? tag, string? outcome, EvaluationQueries queries, CancellationToken ct) =>
        {
            if (!Paging(page, pageSize, out var p, out var size, out var invalid)) return invalid!;
            if (outcome is not (null or "wins" or "losses" or "ties" or "errors")) return ApiProblems.Parameter("outcome", "outcome is one of wins, losses, ties, errors.");
            if (await queries.FindAsync(id, ct) is null) return Results.NotFound();
            var (rows, total) = await queries.CasesAsync(id, metric, new EvaluationCaseFilter(tag, outcome), p - 1, size, ct);
            return Results.Ok(new ApiPage<EvaluationCaseView>(p, size, total, rows.Select(EvaluationCaseView.Of).ToList()));
        });

        evaluations.MapPost("/{id:guid}/cancel", async (Guid id, EvaluationService service, EvaluationQueries queries, CancellationToken ct) =>
        {
            if (await queries.FindAsync(id, ct) is null) return Results.NotFound();
            return await service.CancelAsync(id, ct)
                ? Results.Accepted()
                : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The evaluation has already ended.");
        });

        evaluations.MapGet("/{id:guid}/export", async (Guid id, string? format, EvaluationQueries queries, CancellationToken ct) =>
        {
            if (format is not (null or "csv" or "jsonl")) return ApiProblems.Parameter("format", "format is csv or jsonl.");
            if (await queries.FindAsync(id, ct) is null) return Results.NotFound();
            var (rows, _) = await queries.CasesAsync(id, null, new EvaluationCaseFilter(WorstFirst: false), 0, int.MaxValue, ct);
            return format == "csv"
                ? Results.File(Encoding.UTF8.GetBytes(EvaluationExport.Csv(rows)), "text/csv", $"evaluation-{id:N}.csv")
                : Results.File(Encoding.UTF8.GetBytes(EvaluationExport.Jsonl(rows)), "application/x-ndjson", $"evaluation-{id:N}.jsonl");
        });
    }

    private static (EvaluationRequest? Request, IResult? Problem) Parse(EvaluationBody body, string? user)
    {
        if (body.Target is not { } target) return (null, JsonBinding.Problem("/target", "target must be an object: {\"step\": key, \"version\": n} or {\"pipeline\": key, \"version\": n}."));
        if ((target.Step is null) == (target.Pipeline is null)) return (null, JsonBinding.Problem("/target", "target names either a step or a pipeline."));
        var (field, key) = target.Step is not null ? ("step", target.Step) : ("pipeline", target.Pipeline!);
        if (string.IsNullOrWhiteSpace(key)) return (null, JsonBinding.Problem($"/target/{field}", $"target.{field} must be a key."));
        if (target.Version is not >= 1) return (null, JsonBinding.Problem("/target/version", "target.version must be a whole number from 1."));
        if (body.Dataset?.Version is < 1) return (null, JsonBinding.Problem("/dataset/version", "dataset must be {\"version\": n} with n a whole number from 1."));
        if (body.Baseline?.Version is < 1) return (null, JsonBinding.Problem("/baseline/version", "baseline must be {\"version\": n} with n a whole number from 1."));
        var kind = target.Step is not null ? EvaluationTargetKind.Step : EvaluationTargetKind.Pipeline;
        return (new EvaluationRequest(kind, key, target.Version.Value, body.Dataset?.Version, body.Baseline?.Version, body.Tag, user), null);
    }

    private static bool Paging(int? page, int? pageSize, out int p, out int size, out IResult? invalid)
    {
        (p, size) = (page ?? 1, pageSize ?? 50);
        invalid = ApiQuery.CheckPage(p, size, 500);
        return invalid is null;
    }
}
