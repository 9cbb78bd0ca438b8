using System.Globalization;
using AiFlow.Infrastructure.Retrieval.Search;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Collections.Search;

/// <summary>
/// Hybrid search over a collection: every role may search (Admin, Ops, Reviewer in the console; client systems with an
/// API key of one of those roles), as the playground and the retrieval step read the same chunks.
/// </summary>
public static class CollectionSearchApiEndpoints
{
    // Above the query's own limit, so a 100 KB query is answered with what is wrong with "query", not only "too large".
    private const int MaxBodyBytes = 256 * 1024;

    public static void MapCollectionSearchApi(this RouteGroupBuilder api)
    {
        api.MapPost("/collections/{key}/search", async (string key, HttpRequest request, IChunkSearch search, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<CollectionSearchBody>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            var (query, problem) = ToQuery(key, body!);
            if (problem is not null) return problem;
            try
            {
                var result = await search.SearchAsync(query!, ct);
                return Results.Ok(SearchResultJson.Of(key, result));
            }
            catch (InvalidSearchQueryException invalid)
            {
                return JsonBinding.Problem("/" + invalid.Member, invalid.Message);
            }
            catch (CollectionNotFoundException missing)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: missing.Message,
                    extensions: new Dictionary<string, object?> { ["parameter"] = "key" });
            }
            catch (SearchUnavailableException unavailable)
            {
                return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "An endpoint the search needs failed.", detail: unavailable.Message);
            }
        }).RequireAuthorization(Policies.AnyRole).RequireRateLimiting(RateLimits.Costly); // each search embeds its query through an endpoint
    }

    /// <summary>The search the body asks for, or the 400 naming the first member that is wrong (checked before anything is embedded).</summary>
    internal static (ChunkSearchQuery? Query, IResult? Problem) ToQuery(string key, CollectionSearchBody body)
    {
        var documentIds = new List<Guid>();
        var given = body.Filters?.DocumentIds ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            if (!Guid.TryParse(given[i], CultureInfo.InvariantCulture, out var id))
            {
                return (null, JsonBinding.Problem($"/filters/documentIds/{i.ToString(CultureInfo.InvariantCulture)}",
                    "Each of filters.documentIds is a document id such as \"0193a6c2-7d4e-7b1a-9c3f-2a5e8d1b4c6f\"."));
            }
            documentIds.Add(id);
        }
        var filters = body.Filters is null ? null : new SearchFilters(
            documentIds.Count == 0 ? null : documentIds,
            body.Filters.Tags is { Count: > 0 } tags ? tags : null,
            body.Filters.LicenceUse);
        var query = new ChunkSearchQuery(key, body.Query ?? "", body.TopK ?? 5, filters, body.EfSearch, body.Rerank ?? false, body.ContextTokens);
        try
        {
            ChunkSearchRules.Check(query);
            return (query, null);
        }
        catch (InvalidSearchQueryException invalid)
        {
            return (null, JsonBinding.Problem("/" + invalid.Member, invalid.Message));
        }
    }
}
