using System.Text.Json.Nodes;
using AiFlow.Domain.Common;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Infrastructure.Runs;

/// <summary>Issue 12, item 2: the engine computes every metric of a node's profile, and keeps the ones that do not apply.</summary>
public sealed class ProfileMetricsEngineTests : EngineTestBase
{
    [Fact]
    public async Task The_engine_computes_every_profile_metric_and_stores_reference_metrics_without_ground_truth_as_not_applicable()
    {
        var key = "pm-" + Guid.NewGuid().ToString("N")[..6];
        string M(string name) => $"{name}_{key}";
        await using (var db = Database.CreateContext())
        {
            foreach (var (name, function) in new[] { ("em", "exact_match"), ("f1", "field_f1"), ("valid", "schema_valid"), ("cover", "span_coverage"), ("mystery", "") })
            {
                db.MetricDefinitions.Add(new MetricDefinition
                {
                    Key = M(name), Name = name, Function = function, Direction = MetricDirection.HigherIsBetter,
                    ParametersJson = function == "span_coverage" ? """{"items":"/spans","start":"top","length":"height"}""" : "{}",
                });
            }
            var profile = new MetricProfile
            {
                Key = key, Name = key,
                Targets = [new(M("em"), 1), new(M("f1"), 0.9), new(M("valid"), 1), new(M("cover"), 0.5), new(M("mystery"), null)],
            };
            db.MetricProfiles.Add(profile);
            var step = await TestPipelines.AddTransformStepAsync(db, "t-" + key);
            // Reviewers decided the answer for the step input (run input {"a":"x"}, nothing upstream): b.c should have been 1.
            var definition = await db.StepVersions.Where(v => v.Id == step).Select(v => v.StepDefinitionId).SingleAsync();
            const string stepInput = """{"input":{"a":"x"},"ir":{}}""";
            var example = new GroundTruthExample
            {
                Scope = GroundTruthScope.Step, ScopeId = definition, Reference = CanonicalJson.Sha256(stepInput), CurrentVersionNumber = 1, CreatedAt = DateTimeOffset.UtcNow,
            };
            example.Versions.Add(new GroundTruthVersion
            {
                GroundTruthExampleId = example.Id, Number = 1, InputJson = stepInput, SchemaValid = true, StepVersionId = step,
                ExpectedIrJson = """{"a":"x","b":{"c":1},"spans":[{"top":0,"height":10}]}""", CreatedAt = DateTimeOffset.UtcNow,
            });
            db.GroundTruthExamples.Add(example);
            var node = TestPipelines.Transform("t", step, """{"a":"{{ input.a }}","b":{"c":2},"spans":[{"top":0,"height":4},{"top":6,"height":4}]}""");
            node.MetricProfileId = profile.Id;
            await db.SaveChangesAsync();
            await TestPipelines.AddPipelineAsync(db, key, null, node);
        }

        var known = await RunAsync(key, """{"a":"x"}""");
        var unknown = await RunAsync(key, """{"a":"y"}""");

        Assert.Equal(0, known[M("em")].Value);
        Assert.False(known[M("em")].Passed);
        // Expected leaves /a, /b/c, /spans/0/top, /spans/0/height; actual adds /spans/1/*. /a and /spans/0/top match:
        // P = 2/6, R = 2/4, F1 = 2PR / (P + R) = (1/3) / (5/6) = 0.4.
        Assert.Equal(0.4, known[M("f1")].Value!.Value, 6);
        Assert.Contains("\"/b/c\"", known[M("f1")].DetailsJson, StringComparison.Ordinal);
        Assert.Equal(1, known[M("valid")].Value);
        // Covered 0-4 and 6-10 of 0-10.
        Assert.Equal(0.8, known[M("cover")].Value!.Value, 6);
        Assert.True(known[M("cover")].Passed);
        foreach (var metrics in new[] { known, unknown })
        {
            Assert.Null(metrics[M("mystery")].Value);
            Assert.Contains("No metric function", metrics[M("mystery")].NotApplicableReason, StringComparison.Ordinal);
        }
        Assert.Null(unknown[M("em")].Value);
        Assert.Null(unknown[M("f1")].Passed);
        Assert.Contains("no ground truth", unknown[M("em")].NotApplicableReason, StringComparison.Ordinal);
        Assert.Equal(0.8, unknown[M("cover")].Value!.Value, 6);
        Assert.Equal(5, unknown.Count);
    }

    private async Task<Dictionary<string, MetricResult>> RunAsync(string key, string input)
    {
        Guid runId;
        await using (var db = Database.CreateContext()) runId = await TestPipelines.AddQueuedRunAsync(db, key, input);
        Assert.Equal(RunStatus.Completed, await Engine.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None));
        await using var check = Database.CreateContext();
        return await check.MetricResults.AsNoTracking().Where(m => m.PipelineRunId == runId).ToDictionaryAsync(m => m.MetricKey);
    }
}
