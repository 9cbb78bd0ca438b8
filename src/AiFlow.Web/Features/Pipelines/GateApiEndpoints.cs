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
            (await gate.FindPolicyAsync(key, ct)) switch
            {
                (false, _) => NoPipeline(key),
                (true, null) => NotFound($"Pipeline '{key}' has no gate policy: its versions activate ungated until one is saved with PUT."),
                (true, { } policy) => Results.Ok(GatePolicyView.Of(policy)),
            })
            .RequireAuthorization(Policies.AdminOps);

        pipeline.MapPut("/gate-policy", async (string key, HttpRequest request, GateService gate, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<GatePolicyBody>(request, 64 * 1024, ct);
            if (error is not null) return error;
            var (rules, problem) = Rules(body!.Rules);
            if (problem is not null) return problem;
            if (body.MinCases is < 1) return JsonBinding.Problem("/minCases", "minCases must be a whole number from 1.");
            var (judgeBar, barProblem) = JudgeBarOf(body);
            if (barProblem is not null) return barProblem;
            var saved = await gate.SavePolicyAsync(key, rules!, body.MinCases ?? 10, body.Tag, body.EndToEnd ?? false, body.Version,
                request.HttpContext.User.Identity?.Name, ct, judgeBar);
            if (saved.NotFound) return NoPipeline(key);
            if (saved.Stale) return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: saved.Problems[0]);
            return saved.Saved is { } policy
                ? Results.Ok(GatePolicyView.Of(policy))
                : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The gate policy was refused; nothing was saved.",
                    extensions: new Dictionary<string, object?> { ["errors"] = saved.Problems, ["pointer"] = saved.Problems[0].Split(':')[0] });
        }).RequireAuthorization(Policies.AdminOnly);

        pipeline.MapGet("/evaluation-schedule", async (string key, EvaluationScheduleService schedules, CancellationToken ct) =>
            await schedules.GetAsync(key, ct) is { } s ? Results.Ok(new EvaluationScheduleView(s.Cron, s.WebhookUrl, s.UpdatedBy, s.UpdatedAt)) : Results.NotFound())
            .RequireAuthorization(Policies.AdminOps);

        pipeline.MapPut("/evaluation-schedule", async (string key, HttpRequest request, EvaluationScheduleService schedules, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<EvaluationScheduleBody>(request, 16 * 1024, ct);
            if (error is not null) return error;
            var (problem, pointer, notFound) = await schedules.SetAsync(key, body!.Cron, body.WebhookUrl, request.HttpContext.User.Identity?.Name, ct);
            if (notFound) return Results.NotFound();
            return problem is null ? Results.NoContent() : JsonBinding.Problem(pointer ?? "", problem);
        }).RequireAuthorization(Policies.AdminOnly);

        pipeline.MapGet("/versions/{number:int}/gate", async (string key, int number, GateService gate, CancellationToken ct) =>
            await gate.CheckVersionAsync(key, number, ct) is { } report ? Results.Ok(GateReportView.Of(report)) : Results.NotFound())
            .RequireAuthorization(Policies.AdminOps);

        pipeline.MapPost("/versions/{number:int}/activate", async (string key, int number, HttpRequest request, PipelineAuthoringService authoring, CancellationToken ct) =>
        {
            string? reason = null;
            if (JsonBody.HasBody(request))
            {
                var (body, error) = await JsonBody.BindAsync<ActivationBody>(request, 16 * 1024, ct);
                if (error is not null) return error;
                if (body!.Override is { } given)
                {
                    if (string.IsNullOrWhiteSpace(given.Reason)) return JsonBinding.Problem("/override/reason", "An override needs a written reason.");
                    reason = given.Reason;
                }
            }
            var result = await authoring.ActivateAsync(key, number, request.HttpContext.User, ct, reason);
            return result.Outcome switch
            {
                AuthoringOutcome.Ok => Results.Ok(new VersionActivated(key, number, true,
                    result.Draft!.GateOverrideReason is { } r ? new GateOverrideView(r, result.Draft.GateOverriddenBy, result.Draft.GateOverriddenAt) : null)),
                AuthoringOutcome.NotFound => Results.NotFound(),
                AuthoringOutcome.GateRefused => Results.Problem(statusCode: StatusCodes.Status409Conflict,
                    title: $"The quality gate refuses to activate v{number}.", detail: result.Message,
                    extensions: new Dictionary<string, object?> { ["gate"] = GateReportView.Of(result.Gate!) }),
                AuthoringOutcome.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: result.Message),
                _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: result.Message),
            };
        }).RequireAuthorization(Policies.AdminOnly);
    }

    private static (List<GateRule>? Rules, IResult? Problem) Rules(IReadOnlyList<GateRuleBody?>? given)
    {
        if (given is null) return (null, JsonBinding.Problem("/rules", "rules must be an array of {\"metric\", \"maxRegression\"?, \"relative\"?, \"floor\"?}."));
        var rules = new List<GateRule>();
        for (var i = 0; i < given.Count; i++)
        {
            if (given[i] is not { } rule) return (null, JsonBinding.Problem($"/rules/{i}", "A rule must be an object."));
            if (string.IsNullOrWhiteSpace(rule.Metric)) return (null, JsonBinding.Problem($"/rules/{i}/metric", "metric must be a metric key."));
            rules.Add(new GateRule(rule.Metric, rule.MaxRegression, rule.Relative ?? false, rule.Floor));
        }
        return (rules, null);
    }

    /// <summary>The optional judge bar: both fields or neither; absent keeps the policy's bar (0.6 on 30 items for a new policy).</summary>
    private static (JudgeBar? Bar, IResult? Problem) JudgeBarOf(GatePolicyBody body) => (body.JudgeMinAgreement, body.JudgeMinItems) switch
    {
        (null, null) => (null, null),
        (null, _) => (null, JsonBinding.Problem("/judgeMinAgreement", "judgeMinAgreement must be a number (kappa or Spearman's rho a judge needs to gate), given with judgeMinItems.")),
        ({ } min, _) when !double.IsFinite(min) => (null, JsonBinding.Problem("/judgeMinAgreement", "judgeMinAgreement must be a finite number.")),
        (_, null or < 1) => (null, JsonBinding.Problem("/judgeMinItems", "judgeMinItems must be a whole number from 1, given with judgeMinAgreement.")),
        ({ } min, { } items) => (new JudgeBar(min, items), null),
    };

    private static IResult NoPipeline(string key) => NotFound($"There is no pipeline '{key}'.");

    /// <summary>A 404 whose detail says what is missing (the generic one says only "no such resource, or no such route").</summary>
    private static IResult NotFound(string detail) => Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: detail);
}
