using System.Security.Claims;
using System.Text.Json.Nodes;
using AiFlow.Domain.Access;
using AiFlow.Domain.Common;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Judges;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.GroundTruth;
using AiFlow.Infrastructure.Judges;
using AiFlow.Infrastructure.Metrics;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Infrastructure.Judges;

/// <summary>
/// Issue 12, items 1 and 6, on PostgreSQL with the simulator: the engine asks a judge through the gateway and books the
/// call with the step; a judge whose endpoint fails or answers badly leaves its metric errored; reviewers' ratings on
/// the same outputs give the judge version's agreement.
/// </summary>
public sealed class JudgeMetricEngineTests : EngineTestBase
{
    private const string Schema = """{"type":"object","properties":{"score":{"type":"number","minimum":1,"maximum":5},"reasoning":{"type":"string"}},"required":["score","reasoning"]}""";

    // The simulator fills "score" with the number the prompt labels "score", so the step's hint is the judge's answer.
    private const string Template = "Rubric: {{ rubric }}\nAnswer: {{ output.answer }}\nscore: {{ output.hint }}";

    private static readonly ClaimsPrincipal Admin = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin@aiflow.local"), new Claim(ClaimTypes.Role, Roles.Admin)], "test"));

    [Fact]
    public async Task A_judge_metric_is_scored_by_the_judges_model_and_its_call_is_booked_with_the_step()
    {
        var key = "jm" + Guid.NewGuid().ToString("N")[..6];
        await AddPipelineWithJudgesAsync(key, ("sim-chat", "helpful"));

        var (runId, metrics) = await RunAsync(key, 4);

        var helpful = metrics[$"helpful_{key}"];
        Assert.Equal(4, helpful.Value);
        Assert.True(helpful.Passed);
        var details = JsonNode.Parse(helpful.DetailsJson!)!;
        Assert.Equal((1, $"j_helpful_{key}"), (details["judgeVersion"]!.GetValue<int>(), details["judge"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(details["reasoning"]!.GetValue<string>()));
        await using var db = Database.CreateContext();
        var call = await db.AiRequestLogs.AsNoTracking().SingleAsync(l => l.StepRunId == helpful.StepRunId && l.TaskType == JudgeScorer.TaskType);
        Assert.True(call.TokensIn > 0 && call.CostUsd > 0);
        // A transform makes no model call of its own: the step's tokens and cost are its judge's.
        var step = await db.StepRuns.AsNoTracking().SingleAsync(s => s.Id == helpful.StepRunId);
        Assert.Equal((call.TokensIn, call.CostUsd), (step.TokensIn, step.CostUsd));
        Assert.Equal(RunStatus.Completed, await db.PipelineRuns.Where(r => r.Id == runId).Select(r => r.Status).SingleAsync());
    }

    [Fact]
    public async Task A_failing_judge_endpoint_or_a_malformed_answer_leaves_the_metric_errored_with_the_reason_never_a_score()
    {
        var key = "je" + Guid.NewGuid().ToString("N")[..6];
        await AddPipelineWithJudgesAsync(key, ("sim-chat@fault=500", "down"), ("sim-chat@fault=malformed", "garbled"));

        var (_, metrics) = await RunAsync(key, 4);

        var down = metrics[$"down_{key}"];
        Assert.Null(down.Value);
        Assert.Null(down.Passed);
        Assert.StartsWith($"errored: judge 'j_down_{key}' v1 could not be asked", down.NotApplicableReason, StringComparison.Ordinal);
        Assert.True(JudgeScore.IsErrored(JsonNode.Parse(down.DetailsJson!)));
        var garbled = metrics[$"garbled_{key}"];
        Assert.Null(garbled.Value);
        Assert.Contains("answered badly: the judge's answer is not JSON", garbled.NotApplicableReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reviewers_ratings_of_the_judged_outputs_give_the_judge_versions_spearman_agreement_and_gate_standing()
    {
        var key = "ja" + Guid.NewGuid().ToString("N")[..6];
        await AddPipelineWithJudgesAsync(key, ("sim-chat", "helpful"));
        // The judge says 2, 4, 5; reviewers rate 1, 5, 4 on a 1..5 scale: ranks 1,2,3 against 1,3,2, ρ = 0.5.
        foreach (var (hint, rating) in new[] { (2, 1), (4, 5), (5, 4) })
        {
            var (runId, metrics) = await RunAsync(key, hint);
            await using var db = Database.CreateContext();
            db.HumanFeedback.Add(new HumanFeedback
            {
                PipelineRunId = runId, StepRunId = metrics[$"helpful_{key}"].StepRunId, ReviewerId = "reviewer", Decision = ReviewDecision.Approve,
                Rating = rating, CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var rows = await Engine.Services.GetRequiredService<JudgeAgreementService>().ForJudgeAsync($"j_helpful_{key}", CancellationToken.None);

        Assert.Equal(2, rows.Count);
        var overall = rows[0];
        Assert.Equal((1, (string?)null, JudgeAgreement.Spearman, 3), (overall.JudgeVersion, overall.StepKey, overall.Measure, overall.Items));
        Assert.Equal(0.5, overall.Value!.Value, 9);
        // Judge 4 on 1..5 is 0.75, the reviewer's 5 is 1.0: within a quarter. Judge 5 (1.0) against 4 (0.75): within too.
        Assert.Empty(overall.Disagreeing);
        Assert.Equal($"t{key}", rows[1].StepKey);
        await using var check = Database.CreateContext();
        var standing = await JudgeAgreementService.StandingAsync(check, $"j_helpful_{key}", CancellationToken.None);
        Assert.Equal(new JudgeStanding($"j_helpful_{key}", 1, JudgeAgreement.Spearman, overall.Value, 3), standing);
    }

    [Fact]
    public async Task Reviewers_labels_or_decisions_give_a_category_judges_kappa_and_its_disagreements()
    {
        var key = "jc" + Guid.NewGuid().ToString("N")[..6];
        const string categorySchema = """
            {"type":"object","required":["score","reasoning","category"],"properties":{"score":{"type":"number","minimum":0,"maximum":1},
             "reasoning":{"type":"string"},"category":{"type":"string","enum":["pass","fail"]}}}
            """;
        // The simulator picks the category the prompt names, so the step's verdict is the judge's.
        await AddPipelineWithJudgesAsync(key, new JudgeVersionInput(JudgeKind.Category, "Answer {{ output.answer }}, verdict {{ output.verdict }}", "Is it right?",
            categorySchema, null, 0, 1, ["pass", "fail"]), ("sim-chat", "verdict"));
        var runs = new List<Guid>();
        // Judge: pass, pass, fail, fail. Reviewers: label pass; reject with no label (not a category: left out); label fail; label pass.
        foreach (var (verdict, decision, label) in new[] { ("pass", ReviewDecision.Approve, "pass"), ("pass", ReviewDecision.Reject, null), ("fail", ReviewDecision.Approve, "fail"), ("fail", ReviewDecision.Approve, "pass") })
        {
            var (runId, metrics) = await RunAsync(key, 1, verdict);
            runs.Add(runId);
            Assert.Equal(verdict, JsonNode.Parse(metrics[$"verdict_{key}"].DetailsJson!)!["category"]!.GetValue<string>());
            await using var db = Database.CreateContext();
            db.HumanFeedback.Add(new HumanFeedback
            {
                PipelineRunId = runId, StepRunId = metrics[$"verdict_{key}"].StepRunId, ReviewerId = "reviewer", Decision = decision,
                Labels = label is null ? [] : [label], CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var overall = (await Engine.Services.GetRequiredService<JudgeAgreementService>().ForJudgeAsync($"j_verdict_{key}", CancellationToken.None))[0];

        // Items (pass,pass), (fail,fail), (fail,pass): po = 2/3, pe = 1/3·2/3 + 2/3·1/3 = 4/9, κ = (2/9) ÷ (5/9) = 0.4.
        Assert.Equal((JudgeAgreement.Kappa, 3), (overall.Measure, overall.Items));
        Assert.Equal(0.4, overall.Value!.Value, 9);
        var disagreement = Assert.Single(overall.Disagreeing);
        Assert.Equal((runs[3], "fail", "pass"), (disagreement.PipelineRunId, disagreement.JudgeCategory, disagreement.HumanCategory));
    }

    [Fact]
    public async Task Ground_truth_that_holds_the_scored_output_counts_as_a_top_rating_beside_reviewers_ratings()
    {
        var key = "jg" + Guid.NewGuid().ToString("N")[..6];
        await AddPipelineWithJudgesAsync(key, ("sim-chat", "helpful"));
        var metric = $"helpful_{key}";
        // Reviewed: judge 2 / reviewer 1, judge 4 / reviewer 5. Ground truth holding the very output: judge 5 and judge 1
        // (both "approved", i.e. 5 of 5). Ground truth of another output for judge 3: not a label, left out.
        foreach (var (hint, rating) in new[] { (2, 1), (4, 5) })
        {
            var (runId, metrics) = await RunAsync(key, hint);
            await AddFeedbackAsync(runId, metrics[metric].StepRunId, ReviewDecision.Approve, rating, null);
        }
        foreach (var hint in new[] { 5, 1 }) await AddGroundTruthAsync((await RunAsync(key, hint)).Metrics[metric].StepRunId, sameOutput: true);
        await AddGroundTruthAsync((await RunAsync(key, 3)).Metrics[metric].StepRunId, sameOutput: false);

        var overall = (await Engine.Services.GetRequiredService<JudgeAgreementService>().ForJudgeAsync($"j_{metric}", CancellationToken.None))[0];

        // Judge on 0..1: 0.25, 0.75, 1, 0 → ranks 2, 3, 4, 1. People: 0, 1, 1, 1 → ranks 1, 3, 3, 3 (ties share 3).
        // Deviations from 2.5: judge −0.5, 0.5, 1.5, −1.5; people −1.5, 0.5, 0.5, 0.5. ρ = 1 ÷ √(5 · 3) = 0.258199.
        Assert.Equal((JudgeAgreement.Spearman, 4, 2), (overall.Measure, overall.Items, overall.FromGroundTruth));
        Assert.Equal(1 / Math.Sqrt(15), overall.Value!.Value, 9);
        // Judge 1 (0) against ground truth's approval (1) is more than a quarter apart, and says where the label came from.
        var disagreement = Assert.Single(overall.Disagreeing);
        Assert.Equal((1.0, JudgeLabelSource.GroundTruth, (Guid?)null), (disagreement.JudgeScore, disagreement.Source, disagreement.ReviewItemId));
    }

    [Fact]
    public async Task Ground_truth_counts_as_an_approval_for_a_category_judge_and_a_reviewed_output_counts_once_from_its_decision()
    {
        var key = "jk" + Guid.NewGuid().ToString("N")[..6];
        const string categorySchema = """
            {"type":"object","required":["score","reasoning","category"],"properties":{"score":{"type":"number","minimum":0,"maximum":1},
             "reasoning":{"type":"string"},"category":{"type":"string","enum":["approve","reject"]}}}
            """;
        await AddPipelineWithJudgesAsync(key, new JudgeVersionInput(JudgeKind.Category, "Answer {{ output.answer }}, verdict {{ output.verdict }}", "Would you approve it?",
            categorySchema, null, 0, 1, ["approve", "reject"]), ("sim-chat", "verdict"));
        var metric = $"verdict_{key}";
        // Ground truth holds the output: judge approve, approve, reject → people approve ×3.
        foreach (var (hint, verdict) in new[] { (1, "approve"), (3, "approve"), (4, "reject") })
        {
            await AddGroundTruthAsync((await RunAsync(key, hint, verdict)).Metrics[metric].StepRunId, sameOutput: true);
        }
        // Reviewed (the decision's name is the label): judge approve / reject, judge reject / reject. The second also has
        // ground truth holding its output, yet counts once, from the reviewer's decision.
        var (first, m1) = await RunAsync(key, 2, "approve");
        await AddFeedbackAsync(first, m1[metric].StepRunId, ReviewDecision.Reject, null, null);
        var (second, m2) = await RunAsync(key, 5, "reject");
        await AddFeedbackAsync(second, m2[metric].StepRunId, ReviewDecision.Reject, null, null);
        await AddGroundTruthAsync(m2[metric].StepRunId, sameOutput: true);

        var overall = (await Engine.Services.GetRequiredService<JudgeAgreementService>().ForJudgeAsync($"j_{metric}", CancellationToken.None))[0];

        // Pairs (judge, people): (a,a) (a,a) (r,a) (a,r) (r,r). pₒ = 3/5; judge a 3/5 r 2/5, people a 3/5 r 2/5;
        // pₑ = 9/25 + 4/25 = 13/25; κ = (15/25 − 13/25) ÷ (12/25) = 1/6.
        Assert.Equal((JudgeAgreement.Kappa, 5, 3), (overall.Measure, overall.Items, overall.FromGroundTruth));
        Assert.Equal(1.0 / 6, overall.Value!.Value, 9);
        Assert.Equal([JudgeLabelSource.Review, JudgeLabelSource.GroundTruth], overall.Disagreeing.Select(d => d.Source).Order());
    }

    [Fact]
    public async Task A_metric_naming_an_unknown_judge_is_refused_on_save_at_the_judge_parameter()
    {
        var catalog = Engine.Services.GetRequiredService<MetricCatalogService>();

        var result = await catalog.CreateDefinitionAsync(new MetricDefinitionInput("judged_" + Guid.NewGuid().ToString("N")[..6], "Judged", null,
            MetricDirection.HigherIsBetter, null, "judge", """{"judge":"no_such_judge"}""", MetricAggregation.Mean), Admin, CancellationToken.None);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("/parameters/judge", problem.Field);
        Assert.Contains("There is no judge 'no_such_judge'", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>A transform step whose profile holds one judge metric per (model, name), each judge on its own simulator route.</summary>
    private Task AddPipelineWithJudgesAsync(string key, params (string Model, string Name)[] judges) =>
        AddPipelineWithJudgesAsync(key, new JudgeVersionInput(JudgeKind.Rating, Template, "Is the answer right and useful?", Schema, null, 1, 5, null), judges);

    private async Task AddPipelineWithJudgesAsync(string key, JudgeVersionInput version, params (string Model, string Name)[] judges)
    {
        var service = Engine.Services.GetRequiredService<JudgeService>();
        var catalog = Engine.Services.GetRequiredService<MetricCatalogService>();
        var targets = new List<MetricTarget>();
        foreach (var (model, name) in judges)
        {
            Guid route;
            await using (var db = Database.CreateContext()) route = await TestPipelines.AddRouteAsync(db, Simulator.BaseUrl, model);
            var made = await service.CreateAsync(new JudgeInput($"j_{name}_{key}", name, null, version with { ModelRouteId = route }), Admin, CancellationToken.None);
            Assert.True(made.Saved, made.Message);
            var metric = await catalog.CreateDefinitionAsync(new MetricDefinitionInput($"{name}_{key}", name, null, MetricDirection.HigherIsBetter, null, "judge",
                $$"""{"judge":"j_{{name}}_{{key}}"}""", MetricAggregation.Mean), Admin, CancellationToken.None);
            Assert.True(metric.Saved, metric.Message);
            targets.Add(new MetricTarget($"{name}_{key}", 3));
        }
        await using var context = Database.CreateContext();
        var profile = new MetricProfile { Key = "p" + key, Name = key, Targets = targets };
        context.MetricProfiles.Add(profile);
        var step = await TestPipelines.AddTransformStepAsync(context, "t" + key);
        var node = TestPipelines.Transform("t", step, """{"answer":"{{ input.answer }}","hint":{{ input.hint }},"verdict":"{{ input.verdict }}"}""");
        node.MetricProfileId = profile.Id;
        await context.SaveChangesAsync();
        await TestPipelines.AddPipelineAsync(context, key, null, node);
    }

    private async Task AddFeedbackAsync(Guid runId, Guid stepRunId, ReviewDecision decision, int? rating, string? label)
    {
        await using var db = Database.CreateContext();
        db.HumanFeedback.Add(new HumanFeedback
        {
            PipelineRunId = runId, StepRunId = stepRunId, ReviewerId = "reviewer", Decision = decision, Rating = rating,
            Labels = label is null ? [] : [label], CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>A current, schema-valid step example for what the step run read: its very output, or another one.</summary>
    private async Task AddGroundTruthAsync(Guid stepRunId, bool sameOutput)
    {
        await using var db = Database.CreateContext();
        var step = await db.StepRuns.AsNoTracking().SingleAsync(s => s.Id == stepRunId);
        var stepDefinitionId = await db.StepVersions.Where(v => v.Id == step.StepVersionId).Select(v => v.StepDefinitionId).SingleAsync();
        var output = await db.IrArtifacts.Where(a => a.StepRunId == stepRunId).Select(a => a.IrJson).SingleAsync();
        var read = await StepInputReader.ReadAsync(db, step, CancellationToken.None);
        var expected = JsonNode.Parse(output)!.AsObject();
        if (!sameOutput) expected["answer"] = "Lyon";
        db.GroundTruthExamples.Add(new GroundTruthExample
        {
            Scope = GroundTruthScope.Step, ScopeId = stepDefinitionId, Reference = CanonicalJson.Sha256(read!.StepInputJson), CurrentVersionNumber = 1,
            CreatedAt = DateTimeOffset.UtcNow,
            Versions = [new GroundTruthVersion { Number = 1, InputJson = read.StepInputJson, StepVersionId = step.StepVersionId, ExpectedIrJson = expected.ToJsonString(), SchemaValid = true, CreatedAt = DateTimeOffset.UtcNow }],
        });
        await db.SaveChangesAsync();
    }

    private async Task<(Guid RunId, Dictionary<string, MetricResult> Metrics)> RunAsync(string key, int hint, string verdict = "none")
    {
        Guid runId;
        await using (var db = Database.CreateContext()) runId = await TestPipelines.AddQueuedRunAsync(db, key, $$"""{"answer":"Paris","hint":{{hint}},"verdict":"{{verdict}}"}""");
        Assert.Equal(RunStatus.Completed, await Engine.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None));
        await using var check = Database.CreateContext();
        return (runId, await check.MetricResults.AsNoTracking().Where(m => m.PipelineRunId == runId).ToDictionaryAsync(m => m.MetricKey));
    }
}
