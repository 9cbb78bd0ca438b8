using AiFlow.Domain.GroundTruth;
using AiFlow.Infrastructure.GroundTruth;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Datasets;

/// <summary>
/// Dataset versions over HTTP: listed, read with their cases and compared by every role (Reviewers curate what they hold,
/// Ops read what evaluations ran on); snapshotted by hand by an Admin. Tags of a ground-truth example are set by Admin and
/// Reviewer, as the ground-truth page is theirs.
/// </summary>
public static class DatasetApiEndpoints
{
    private const int MaxBodyBytes = 16 * 1024;

    public static void MapDatasetApi(this RouteGroupBuilder api)
    {
        var datasets = api.MapGroup("/datasets").RequireAuthorization(Policies.AnyRole);

        datasets.MapGet("", async (string? scope, int? page, int? pageSize, DatasetQueries queries, CancellationToken ct) =>
        {
            var (p, size) = (page ?? 1, pageSize ?? 50);
            if (ApiQuery.CheckPage(p, size, 500) is { } invalid) return invalid;
            DatasetScopeRef? found = null;
            if (scope is not null)
            {
                if (!DatasetScopeRef.TryParse(scope, out var kind, out var key)) return ApiProblems.Parameter("scope", "scope is step:<key> or pipeline:<key>.");
                found = await queries.FindScopeAsync(kind, key, ct);
                if (found is null) return NotFoundIn($"There is no {new DatasetScopeRef(kind, Guid.Empty, key).Name}.", "parameter", "scope");
            }
            var (rows, total) = await queries.PageAsync(found, p - 1, size, ct);
            return Results.Ok(new ApiPage<DatasetView>(p, size, total, rows.Select(DatasetView.Of).ToList()));
        });

        datasets.MapPost("", async (HttpRequest request, DatasetQueries queries, DatasetService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<SnapshotBody>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            if (body!.Scope is not { } scopeBody || string.IsNullOrWhiteSpace(scopeBody.Step) == string.IsNullOrWhiteSpace(scopeBody.Pipeline))
            {
                return JsonBinding.Problem("/scope", "scope names either a step or a pipeline: {\"step\": key} or {\"pipeline\": key}.");
            }
            var (kind, key) = string.IsNullOrWhiteSpace(scopeBody.Step) ? (GroundTruthScope.Pipeline, scopeBody.Pipeline!) : (GroundTruthScope.Step, scopeBody.Step!);
            var scope = await queries.FindScopeAsync(kind, key, ct);
            if (scope is null) return NotFoundIn($"There is no {(kind == GroundTruthScope.Step ? "step" : "pipeline")} '{key}'.", "pointer", kind == GroundTruthScope.Step ? "/scope/step" : "/scope/pipeline");
            var tag = string.IsNullOrWhiteSpace(body.Tag) ? null : body.Tag.Trim();
            if (tag is not null && !await queries.HasTagAsync(scope, tag, ct))
            {
                return JsonBinding.Problem("/tag", $"No live example of {scope.Name} is tagged '{tag}'.");
            }
            if (body.Note is { Length: > 500 }) return JsonBinding.Problem("/note", "note is at most 500 characters.");
            var taken = await service.SnapshotAsync(scope.Scope, scope.Id, "manual", request.HttpContext.User.Identity?.Name, body.Note, tag, ct);
            if (taken is null)
            {
                return JsonBinding.Problem("/scope", $"{char.ToUpperInvariant(scope.Name[0])}{scope.Name[1..]} has no usable example (current, schema-valid, not retired) to snapshot.");
            }
            var row = (await queries.FindAsync(taken.Id, ct))!;
            return Results.Created($"/api/datasets/{row.Id}", DatasetView.Of(row));
        }).RequireAuthorization(Policies.AdminOnly);

        datasets.MapGet("/{id:guid}", async (Guid id, int? page, int? pageSize, DatasetQueries queries, CancellationToken ct) =>
        {
            var (p, size) = (page ?? 1, pageSize ?? 50);
            if (ApiQuery.CheckPage(p, size, 500) is { } invalid) return invalid;
            if (await queries.FindAsync(id, ct) is not { } row) return Results.NotFound();
            var (items, total) = await queries.ItemsAsync(id, p - 1, size, ct);
            return Results.Ok(new DatasetItemsPage(DatasetView.Of(row), p, size, total, items.Select(DatasetItemView.Of).ToList()));
        });

        datasets.MapGet("/compare", async (string? from, string? to, DatasetQueries queries, CancellationToken ct) =>
        {
            if (!Guid.TryParse(from, out var left)) return ApiProblems.Parameter("from", "from must be a dataset version id.");
            if (!Guid.TryParse(to, out var right)) return ApiProblems.Parameter("to", "to must be a dataset version id.");
            var (view, problem) = await queries.CompareAsync(left, right, ct);
            if (problem is not null) return ApiProblems.Parameter("to", problem);
            if (view is null) return NotFoundIn("There is no such dataset version.", "parameter", await queries.FindAsync(left, ct) is null ? "from" : "to");
            return Results.Ok(DatasetCompareView.Of(view));
        });

        api.MapPut("/ground-truth/{id:guid}/tags", async (Guid id, HttpRequest request, GroundTruthService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<TagsBody>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            if (body!.Tags is null) return JsonBinding.Problem("/tags", "tags must be an array of strings (empty removes every tag).");
            var tags = ExampleTags.Normalize(body.Tags, out var problem);
            if (tags is null) return JsonBinding.Problem("/tags", problem!);
            return await service.SetTagsAsync(id, tags, ct) ? Results.Ok(new ExampleTagsSet(id, tags)) : Results.NotFound();
        }).RequireAuthorization(Policies.AdminReviewer);
    }

    /// <summary>A 404 naming what was not found: a query <c>parameter</c>, or a <c>pointer</c> into the body.</summary>
    private static IResult NotFoundIn(string title, string member, string where) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: title, extensions: new Dictionary<string, object?> { [member] = where });
}
