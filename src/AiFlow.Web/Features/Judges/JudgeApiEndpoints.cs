using AiFlow.Infrastructure.Judges;
using AiFlow.Web.Api;
using AiFlow.Web.Features.Metrics;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Judges;

/// <summary>
/// <c>GET/POST /api/judges</c>, <c>GET/PUT /api/judges/{key}</c>: LLM judges, read by Admin and Ops, made by Admins. A
/// PUT adds the judge's next version (versions are immutable) and carries the <c>version</c> read; a stale one is 409.
/// A single judge comes with its agreement with people per version and step version. Every refusal is a problem
/// document naming its field by JSON pointer.
/// </summary>
public static class JudgeApiEndpoints
{
    private const int MaxBodyBytes = 128 * 1024;

    public static void MapJudgeApi(this RouteGroupBuilder api)
    {
        var judges = api.MapGroup("/judges");
        judges.MapGet("/", async (JudgeService service, CancellationToken ct) => Results.Ok((await service.ListAsync(ct)).Select(JudgeJson.Of)))
            .RequireAuthorization(Policies.AdminOps);
        judges.MapGet("/{key}", async (string key, JudgeService service, JudgeAgreementService agreement, CancellationToken ct) =>
            await service.GetAsync(key, ct) is { } judge
                ? Results.Ok(JudgeJson.Of(judge, await agreement.ForJudgeAsync(key, ct)))
                : MetricApiEndpoints.NotFound($"There is no judge '{key}'."))
            .RequireAuthorization(Policies.AdminOps);
        judges.MapPost("/", async (HttpRequest request, JudgeService service, CancellationToken ct) =>
        {
            var (body, error) = await ReadAsync(request, ct);
            if (error is not null) return error;
            var result = await service.CreateAsync(body!.ToInput(), request.HttpContext.User, ct);
            return MetricApiEndpoints.ToHttp(result, "judge", j => Results.Created($"/api/judges/{j.Key}", JudgeJson.Of(j)));
        }).RequireAuthorization(Policies.AdminOnly);
        judges.MapPut("/{key}", async (string key, HttpRequest request, JudgeService service, CancellationToken ct) =>
        {
            var (body, error) = await ReadAsync(request, ct);
            if (error is not null) return error;
            if (body!.Version is null) return MetricApiEndpoints.VersionRequired();
            var result = await service.AddVersionAsync(key, body.Version.Value, body.ToVersionInput(), request.HttpContext.User, ct);
            return MetricApiEndpoints.ToHttp(result, "judge version", j => Results.Ok(JudgeJson.Of(j)));
        }).RequireAuthorization(Policies.AdminOnly);
    }

    /// <summary>The body, with its score range given: neither end has a safe default.</summary>
    private static async Task<(JudgeBody? Body, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var (body, error) = await JsonBody.BindAsync<JudgeBody>(request, MaxBodyBytes, ct);
        if (error is not null) return (null, error);
        if (body!.ScoreMin is null) return (null, JsonBinding.Problem("/scoreMin", "scoreMin is required: the lowest score the judge may give."));
        if (body.ScoreMax is null) return (null, JsonBinding.Problem("/scoreMax", "scoreMax is required: the highest score the judge may give."));
        if (body.OutputSchema is null) return (null, JsonBinding.Problem("/outputSchema", "outputSchema is required: a JSON Schema with score (number) and reasoning (string)."));
        return (body, null);
    }
}
