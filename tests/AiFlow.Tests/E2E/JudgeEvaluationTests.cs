using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.Judges;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Infrastructure.Evaluation;
using AiFlow.Infrastructure.Judges;
using AiFlow.Infrastructure.Metrics;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.E2E;

/// <summary>
/// Issue 12, items 1 and 4: a step evaluation (PostgreSQL, Quartz, the console's simulator) scores each case with the
/// profile's judges; their calls are the evaluation's cost, and a judge whose endpoint fails is counted apart, per side.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class JudgeEvaluationTests(ConsoleFixture console)
{
    private const int Cases = 3;
    private const string Schema = """{"type":"object","properties":{"score":{"type":"number","minimum":0,"maximum":1},"reasoning":{"type":"string"}},"required":["score","reasoning"]}""";

    private static readonly ClaimsPrincipal Admin = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin@aiflow.local"), new Claim(ClaimTypes.Role, Roles.Admin)], "test"));

    [Fact]
    public async Task An_evaluation_books_its_judges_calls_counts_a_failing_judge_apart_and_the_gate_refuses_a_judge_no_one_has_checked()
    {
        var setup = await EvaluationSetup.AddStepWithTruthAsync(console, Cases);
        var (ok, down) = ($"ok_{setup.StepKey.Replace('-', '_')}", $"down_{setup.StepKey.Replace('-', '_')}");
        var targets = new List<MetricTarget>();
        foreach (var (metric, model) in new[] { (ok, "sim-chat"), (down, "sim-chat@fault=500") })
        {
            Guid route;
            await using (var db = console.Database.CreateContext()) route = await TestPipelines.AddRouteAsync(db, new Uri(console.App.BaseAddress, "sim/v1").ToString(), model);
            var judge = await console.App.Services.GetRequiredService<JudgeService>().CreateAsync(new JudgeInput("j_" + metric, metric, null,
                new JudgeVersionInput(JudgeKind.Rating, "Is {{ output.label }} the label of {{ input.q }}? {{ rubric }}", "Exact label.", Schema, route, 0, 1, null)),
                Admin, CancellationToken.None);
            Assert.True(judge.Saved, judge.Message);
            var saved = await console.App.Services.GetRequiredService<MetricCatalogService>().CreateDefinitionAsync(new MetricDefinitionInput(metric, metric, null,
                MetricDirection.HigherIsBetter, null, "judge", $$"""{"judge":"j_{{metric}}"}""", MetricAggregation.Mean), Admin, CancellationToken.None);
            Assert.True(saved.Saved, saved.Message);
            targets.Add(new MetricTarget(metric, 0.5));
        }
        await using (var db = console.Database.CreateContext())
        {
            var profile = new MetricProfile { Key = "p_" + ok, Name = ok, Targets = targets };
            db.MetricProfiles.Add(profile);
            await db.SaveChangesAsync();
            await db.StepVersions.Where(v => v.Id == setup.StepV1 || v.Id == setup.StepV2).ExecuteUpdateAsync(s => s.SetProperty(v => v.MetricProfileId, profile.Id));
        }

        var started = await console.App.Services.GetRequiredService<EvaluationService>()
            .StartAsync(new EvaluationRequest(EvaluationTargetKind.Step, setup.StepKey, 2, null, 1, null, "tester"), CancellationToken.None);
        Assert.True(started.EvaluationId is not null, started.Problem);
        var evaluation = await CompletedAsync(started.EvaluationId!.Value);

        var scored = evaluation.Aggregates.Single(a => a.Metric == ok);
        Assert.Equal((Cases, Cases, 0, 0), (scored.CandidateCases, scored.BaselineCases, scored.CandidateErrored, scored.BaselineErrored));
        var failed = evaluation.Aggregates.Single(a => a.Metric == down);
        Assert.Equal((null, 0, Cases, Cases), (failed.Candidate, failed.CandidateCases, failed.CandidateErrored, failed.BaselineErrored));
        await using var check = console.Database.CreateContext();
        var prefix = $"eval:{evaluation.Id:N}:";
        var judgeCalls = await check.AiRequestLogs.AsNoTracking()
            .Where(l => l.TaskType == JudgeScorer.TaskType && l.IdempotencyKey!.StartsWith(prefix) && l.IdempotencyKey.EndsWith(":judge:" + ok)).ToListAsync();
        Assert.Equal(Cases * 2, judgeCalls.Count);
        // The transform steps cost nothing: what the evaluation cost is what its judges cost.
        Assert.True(evaluation.CostUsd >= judgeCalls.Sum(c => c.CostUsd) && evaluation.CostUsd > 0);
        var caseDetails = await check.EvaluationResults.AsNoTracking().Where(r => r.EvaluationRunId == evaluation.Id).Select(r => r.DetailsJson).FirstAsync();
        Assert.Contains("could not be asked", caseDetails, StringComparison.Ordinal);

        // The judge scored every case, but no reviewer has decided anything it scored: its metric cannot gate yet.
        var gate = console.App.Services.GetRequiredService<GateService>();
        Assert.NotNull((await gate.SavePolicyAsync(setup.PipelineKey, [new GateRule(ok, null, Floor: 0)], 1, null, false, null, "tester", CancellationToken.None)).Saved);
        var report = await gate.CheckVersionAsync(setup.PipelineKey, 2, CancellationToken.None);
        Assert.False(report!.Passed);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(ok, finding.Metric);
        Assert.StartsWith($"{ok} cannot gate: judge 'j_{ok}' v1 has been compared with people on 0 items; the policy needs Spearman's rho ≥ 0.6 on ≥ 30",
            finding.Problem, StringComparison.Ordinal);
    }

    private async Task<EvaluationRun> CompletedAsync(Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            await using var db = console.Database.CreateContext();
            var evaluation = await db.EvaluationRuns.AsNoTracking().SingleAsync(e => e.Id == id);
            if (evaluation.Status is EvaluationStatus.Completed or EvaluationStatus.Failed or EvaluationStatus.Cancelled || DateTime.UtcNow > deadline)
            {
                Assert.True(evaluation.Status == EvaluationStatus.Completed, $"{evaluation.Status}: {evaluation.Error}");
                return evaluation;
            }
            await Task.Delay(250);
        }
    }
}
