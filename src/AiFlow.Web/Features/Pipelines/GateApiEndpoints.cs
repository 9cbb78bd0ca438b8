using System.Text.Json.Nodes;
using AiFlow.Domain.Evaluation;
using AiFlow.Infrastructure.Evaluation;
using AiFlow.Web.Api;
using AiFlow.Web.Features.Pipelines.Authoring;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Pipelines;

/// <summary>
/// The release gate over HTTP: a pipeline's gate policy (read by Admin and Ops, written by Admin), the gate's report for a
/// version, and activation, which answers 409 with the report when the gate refuses and no override reason is given.
/// </summary>
public static class GateApiEndpoints
{
    public static void MapGateApi(this RouteGroupBuilder api)
    {
        var pipeline = api.MapGroup("/pipelines/{key}");

        pipeline.MapGet("/gate-policy", async (string key, GateService gate, CancellationToken ct) =>
            await gate.GetPolicyAsync(key, ct) is { } policy ? Results.Ok(PolicyView(policy)) : Results.NotFound())
            .RequireAuthorization(Policies.AdminOps);

        pipeline.MapPut("/gate-policy", async (string key, HttpRequest request, GateService gate, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, 64 * 1024, ct);
            if (error is not null) return error;
            var (rules, problem) = Rules(body!["rules"]);
            if (problem is not null) return problem;
            if (!JsonFields.TryPositiveInt(body["minCases"], out var minCases)) return JsonFields.Invalid("/minCases", "minCases must be a whole number from 1.");
            if (!JsonFields.TryString(body["tag"], out var tag)) return JsonFields.Invalid("/tag", "tag must be a string.");
            var endToEnd = false;
            if (body["endToEnd"] is { } e2e && (e2e is not JsonValue e2eValue || !e2eValue.TryGetValue(out endToEnd)))
            {
                return JsonFields.Invalid("/endToEnd", "endToEnd must be true (judge the pipeline version end to end) or false (each changed step in isolation).");
            }
            uint? version = null;
            if (body["version"] is { } v)
            {
                if (v is not JsonValue value || !value.TryGetValue<uint>(out var known)) return JsonFields.Invalid("/version", "version must be the number read with the policy.");
                version = known;
            }
            var (judgeBar, barProblem) = JudgeBarOf(body);
            if (barProblem is not null) return barProblem;
            var saved = await gate.SavePolicyAsync(key, rules!, minCases ?? 10, tag, endToEnd, version, request.HttpContext.User.Identity?.Name, ct, judgeBar);
            if (saved.NotFound) return Results.NotFound();
            if (saved.Stale) return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: saved.Problems[0]);
            return saved.Saved is { } policy
                ? Results.Ok(PolicyView(policy))
                : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The gate policy was refused; nothing was saved.",
                    extensions: new Dictionary<string, object?> { ["errors"] = saved.Problems, ["pointer"] = saved.Problems[0].Split(':')[0] });
        }).RequireAuthorization(Policies.AdminOnly);

        pipeline.MapGet("/evaluation-schedule", async (string key, EvaluationScheduleService schedules, CancellationToken ct) =>
            await schedules.GetAsync(key, ct) is { } s ? Results.Ok(new { cron = s.Cron, webhookUrl = s.WebhookUrl, updatedBy = s.UpdatedBy, updatedAt = s.UpdatedAt }) : Results.NotFound())
            .RequireAuthorization(Policies.AdminOps);

        pipeline.MapPut("/evaluation-schedule", async (string key, HttpRequest request, EvaluationScheduleService schedules, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, 16 * 1024, ct);
            if (error is not null) return error;
            if (!JsonFields.TryString(body!["cron"], out var cron)) return JsonFields.Invalid("/cron", "cron must be a string (empty or null removes the schedule).");
            if (!JsonFields.TryString(body["webhookUrl"], out var webhook)) return JsonFields.Invalid("/webhookUrl", "webhookUrl must be a string.");
            var (problem, pointer, notFound) = await schedules.SetAsync(key, cron, webhook, request.HttpContext.User.Identity?.Name, ct);
            if (notFound) return Results.NotFound();
            return problem is null ? Results.NoContent() : JsonFields.Invalid(pointer ?? "", problem);
        }).RequireAuthorization(Policies.AdminOnly);

        pipeline.MapGet("/versions/{number:int}/gate", async (string key, int number, GateService gate, CancellationToken ct) =>
            await gate.CheckVersionAsync(key, number, ct) is { } report ? Results.Ok(ReportView(report)) : Results.NotFound())
            .RequireAuthorization(Policies.AdminOps);

        pipeline.MapPost("/versions/{number:int}/activate", async (string key, int number, HttpRequest request, PipelineAuthoringService authoring, CancellationToken ct) =>
        {
            string? reason = null;
            if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
            {
                var (body, error) = await JsonBody.ReadObjectAsync(request, 16 * 1024, ct);
                if (error is not null) return error;
                if (!JsonFields.TryObject(body!["override"], out var overrideNode)) return JsonFields.Invalid("/override", "override must be {\"reason\": \"...\"}.");
                if (overrideNode is not null && (!JsonFields.TryString(overrideNode["reason"], out reason) || string.IsNullOrWhiteSpace(reason)))
                {
                    return JsonFields.Invalid("/override/reason", "An override needs a written reason.");
                }
            }
            var result = await authoring.ActivateAsync(key, number, request.HttpContext.User, ct, reason);
            return result.Outcome switch
            {
                AuthoringOutcome.Ok => Results.Ok(new
                {
                    key, version = number, active = true,
                    gateOverride = result.Draft!.GateOverrideReason is { } r ? new { reason = r, by = result.Draft.GateOverriddenBy, at = result.Draft.GateOverriddenAt } : null,
                }),
                AuthoringOutcome.NotFound => Results.NotFound(),
                AuthoringOutcome.GateRefused => Results.Problem(statusCode: StatusCodes.Status409Conflict,
                    title: $"The quality gate refuses to activate v{number}.", detail: result.Message,
                    extensions: new Dictionary<string, object?> { ["gate"] = ReportView(result.Gate!) }),
                AuthoringOutcome.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: result.Message),
                _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: result.Message),
            };
        }).RequireAuthorization(Policies.AdminOnly);
    }

    private static (List<GateRule>? Rules, IResult? Problem) Rules(JsonNode? node)
    {
        if (node is not JsonArray array) return (null, JsonFields.Invalid("/rules", "rules must be an array of {\"metric\", \"maxRegression\"?, \"relative\"?, \"floor\"?}."));
        var rules = new List<GateRule>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject o) return (null, JsonFields.Invalid($"/rules/{i}", "A rule must be an object."));
            if (!JsonFields.TryString(o["metric"], out var metric) || string.IsNullOrWhiteSpace(metric)) return (null, JsonFields.Invalid($"/rules/{i}/metric", "metric must be a metric key."));
            if (!TryNumber(o["maxRegression"], out var max)) return (null, JsonFields.Invalid($"/rules/{i}/maxRegression", "maxRegression must be a number."));
            if (!TryNumber(o["floor"], out var floor)) return (null, JsonFields.Invalid($"/rules/{i}/floor", "floor must be a number."));
            var relative = false;
            if (o["relative"] is { } rel && (rel is not JsonValue rv || !rv.TryGetValue(out relative))) return (null, JsonFields.Invalid($"/rules/{i}/relative", "relative must be true or false."));
            rules.Add(new GateRule(metric, max, relative, floor));
        }
        return (rules, null);
    }

    private static bool TryNumber(JsonNode? node, out double? value)
    {
        value = null;
        if (node is null) return true;
        if (node is not JsonValue v || !v.TryGetValue<double>(out var d) || !double.IsFinite(d)) return false;
        value = d;
        return true;
    }

    private static object PolicyView(GatePolicy p) => new
    {
        rules = p.Rules, minCases = p.MinCases, tag = p.Tag, endToEnd = p.EndToEnd, judgeMinAgreement = p.JudgeMinAgreement, judgeMinItems = p.JudgeMinItems,
        version = p.Version, updatedBy = p.UpdatedBy, updatedAt = p.UpdatedAt,
    };

    /// <summary>
    /// The optional judge bar, <c>judgeMinAgreement</c> (a number) and <c>judgeMinItems</c> (a whole number): given
    /// together or not at all; absent keeps the policy's bar (0.6 on 30 items for a new policy).
    /// </summary>
    private static (JudgeBar? Bar, IResult? Problem) JudgeBarOf(JsonObject body)
    {
        var (agreement, items) = (body["judgeMinAgreement"], body["judgeMinItems"]);
        if (agreement is null && items is null) return (null, null);
        if (agreement is not JsonValue a || !a.TryGetValue<double>(out var min))
        {
            return (null, JsonFields.Invalid("/judgeMinAgreement", "judgeMinAgreement must be a number (kappa or Spearman's rho a judge needs to gate), given with judgeMinItems."));
        }
        if (!JsonFields.TryPositiveInt(items, out var count) || count is null)
        {
            return (null, JsonFields.Invalid("/judgeMinItems", "judgeMinItems must be a whole number from 1, given with judgeMinAgreement."));
        }
        return (new JudgeBar(min, count.Value), null);
    }

    private static object ReportView(GateReport r) => new
    {
        gated = r.Gated, passed = r.Passed, endToEnd = r.EndToEnd,
        findings = r.Findings.Select(f => new { step = f.Step, metric = f.Metric, problem = f.Problem, candidate = f.Candidate, baseline = f.Baseline, allowed = f.Allowed, worstCases = f.WorstCases, evaluationId = f.EvaluationId }),
        steps = r.Steps.Select(s => new { step = s.Step, candidateVersion = s.CandidateVersion, baselineVersion = s.BaselineVersion, dataset = s.NewestDataset, evaluationId = s.EvaluationId, cases = s.Cases }),
    };
}
