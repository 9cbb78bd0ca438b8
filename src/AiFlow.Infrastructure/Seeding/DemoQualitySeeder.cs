using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.Judges;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Prompts;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Schemas.Validation;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Prompts;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Seeding;

/// <summary>
/// The demo's quality loop, so a fresh console shows it working: 48 ticket-triage runs whose classify output a reviewer
/// approved or corrected (real runs, review items, claims and decisions, which curation turns into ground truth with
/// provenance), a classify v2 whose prompt no longer shows the model the ticket, a published but inactive ticket-triage v2
/// using it, and a gate policy on ticket-triage. The outputs are what the simulator endpoint answers for each rendered
/// prompt, so re-running v1 on a case reproduces what the reviewer saw; likewise the demo judge's score of each classify
/// output (<see cref="DemoJudge"/>), so the judge page opens with its agreement with those 48 decisions. Seeds once:
/// classify v2 marks it done.
/// </summary>
internal sealed class DemoQualitySeeder(AiFlowDbContext db, TimeProvider clock)
{
    public const int TicketCount = 48;
    public const string Reviewer = "reviewer@aiflow.local";
    private static readonly string[] StepOrder = ["extract_fields", "classify", "draft_reply"];

    private sealed record StepSeed(StepVersion Version, PromptTemplateVersion Prompt, JsonElement Schema, CompiledSchema Compiled);

    private sealed record JudgeSeed(JudgeVersion Version, JsonElement Schema, Guid MetricId, double? Target);

    private JudgeSeed? judge;

    /// <returns>True when it seeded (curation and the evaluations should follow).</returns>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        var pipeline = await db.PipelineVersions.Include(v => v.PipelineDefinition)
            .FirstOrDefaultAsync(v => v.PipelineDefinition!.Key == "ticket-triage" && v.Number == 1, cancellationToken);
        var classify = await db.StepDefinitions.FirstOrDefaultAsync(d => d.Key == "classify", cancellationToken);
        if (pipeline is null || classify is null || await db.StepVersions.AnyAsync(v => v.StepDefinitionId == classify.Id && v.Number == 2, cancellationToken)) return false;

        var steps = new Dictionary<string, StepSeed>(StringComparer.Ordinal);
        foreach (var node in pipeline.Dag.Nodes)
        {
            var version = await db.StepVersions.FirstAsync(v => v.Id == node.StepVersionId, cancellationToken);
            var prompt = await db.PromptTemplateVersions.FirstAsync(p => p.Id == version.PromptTemplateVersionId, cancellationToken);
            var schemaJson = await db.IrSchemaVersions.Where(s => s.Id == version.IrSchemaVersionId).Select(s => s.SchemaJson).FirstAsync(cancellationToken);
            var schema = JsonDocument.Parse(schemaJson).RootElement.Clone();
            steps[node.Key] = new StepSeed(version, prompt, schema, JsonSchemaCompiler.Compile(schema));
        }

        judge = await JudgeAsync(steps["classify"].Version, cancellationToken);
        var now = clock.GetUtcNow();
        var renderer = new PromptRenderer();
        var tickets = DemoTickets.All(TicketCount);
        for (var i = 0; i < tickets.Count; i++)
        {
            AddReviewedRun(pipeline, steps, renderer, tickets[i], now.AddMinutes(-5 * (tickets.Count - i)));
        }
        AddRegressingVersion(pipeline, steps["classify"], now);
        db.GatePolicies.Add(new GatePolicy
        {
            PipelineDefinitionId = pipeline.PipelineDefinitionId, MinCases = 20, UpdatedAt = now, UpdatedBy = "seed",
            Rules = [new GateRule("exact_match", 0.05), new GateRule("field_f1", 0.05)],
        });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private void AddReviewedRun(PipelineVersion pipeline, Dictionary<string, StepSeed> steps, PromptRenderer renderer, DemoTickets.Ticket ticket, DateTimeOffset at)
    {
        var input = new JsonObject { ["subject"] = ticket.Subject, ["body"] = $"{ticket.Body}\n— {ticket.Customer}, {ticket.Product}" };
        var run = new PipelineRun
        {
            PipelineDefinitionId = pipeline.PipelineDefinitionId, PipelineVersionId = pipeline.Id, Status = RunStatus.Completed, Trigger = RunTrigger.Api,
            InputJson = input.ToJsonString(), RequestedBy = "demo", CreatedAt = at, StartedAt = at, FinishedAt = at.AddSeconds(2),
        };
        db.PipelineRuns.Add(run);
        var ir = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        StepRun? classifyRun = null;
        foreach (var key in StepOrder)
        {
            var seed = steps[key];
            var prompt = renderer.Render(seed.Prompt.Template, input, ir, null);
            var output = SchemaInstanceGenerator.Generate(seed.Schema, prompt);
            var step = new StepRun
            {
                PipelineRunId = run.Id, NodeKey = key, StepVersionId = seed.Version.Id, Status = StepRunStatus.Completed, InputJson = run.InputJson,
                PromptTemplateVersionId = seed.Prompt.Id, Model = "sim-chat",
                EndpointName = DemoDataSeeder.SimulatorEndpointName, IdempotencyKey = $"{run.Id:N}:{key}:1", StartedAt = at, FinishedAt = at.AddMilliseconds(400), LatencyMs = 400,
            };
            var json = output?.ToJsonString() ?? "null";
            db.StepRuns.Add(step);
            db.StepRunTexts.Add(new StepRunText { StepRunId = step.Id, CreatedAt = at.AddMilliseconds(400), RenderedPrompt = prompt, RawResponse = output?.ToJsonString() });
            db.IrArtifacts.Add(new IrArtifact
            {
                StepRunId = step.Id, IrSchemaVersionId = seed.Version.IrSchemaVersionId, IrJson = json,
                IsValid = seed.Compiled.Validate(JsonDocument.Parse(json).RootElement).IsValid, CreatedAt = at,
            });
            ir[key] = output;
            if (key == "classify") classifyRun = step;
        }
        AddDecision(run, classifyRun!, steps["classify"].Version, ir["classify"] as JsonObject ?? [], ticket, at.AddMinutes(1));
        AddJudgeScore(run, classifyRun!, input, ir, ticket, at);
    }

    /// <summary>The demo judge's version, its output schema, and classify's judge metric with its target; null in a demo without them.</summary>
    private async Task<JudgeSeed?> JudgeAsync(StepVersion classify, CancellationToken cancellationToken)
    {
        var version = await (from j in db.JudgeDefinitions
                             join v in db.JudgeVersions on j.Id equals v.JudgeDefinitionId
                             where j.Key == DemoJudge.Key && v.Number == j.CurrentVersion
                             select v).FirstOrDefaultAsync(cancellationToken);
        var metric = await db.MetricDefinitions.Where(d => d.Key == DemoJudge.MetricKey).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        if (version is null || metric is null) return null;
        var targets = await db.MetricProfiles.Where(p => p.Id == classify.MetricProfileId).Select(p => p.Targets).FirstOrDefaultAsync(cancellationToken) ?? [];
        return new JudgeSeed(version, JsonDocument.Parse(version.OutputSchemaJson).RootElement.Clone(), metric.Value,
            targets.FirstOrDefault(t => t.MetricKey == DemoJudge.MetricKey)?.Target);
    }

    /// <summary>
    /// What the demo judge said of this classify output when it ran: the simulator's answer to the judge's prompt, with the
    /// reviewed classification (the ground truth curation makes of the decision) as "expected", as the engine asks it.
    /// </summary>
    private void AddJudgeScore(PipelineRun run, StepRun step, JsonObject input, Dictionary<string, JsonNode?> ir, DemoTickets.Ticket ticket, DateTimeOffset at)
    {
        if (judge is null || ir["classify"] is not JsonObject output) return;
        var expected = (JsonObject)output.DeepClone();
        expected["category"] = ticket.Category;
        expected["priority"] = ticket.Priority;
        var upstream = ir.Where(p => p.Key != "classify").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var prompt = JudgeTemplate.Render(judge.Version.PromptTemplate, judge.Version.Rubric, input, upstream, output, expected);
        var (verdict, _) = JudgeOutput.Parse(SchemaInstanceGenerator.GenerateJson(judge.Schema, prompt), judge.Version);
        if (verdict is null) return;
        db.MetricResults.Add(new MetricResult
        {
            StepRunId = step.Id, PipelineRunId = run.Id, MetricDefinitionId = judge.MetricId, MetricKey = DemoJudge.MetricKey, Value = verdict.Score,
            Target = judge.Target, Passed = Domain.Runs.Scheduling.MetricEvaluation.Passed(verdict.Score, judge.Target, MetricDirection.HigherIsBetter), CreatedAt = at,
            DetailsJson = new JsonObject
            {
                ["judge"] = DemoJudge.Key, ["judgeVersion"] = judge.Version.Number, ["judgeVersionId"] = judge.Version.Id.ToString(), ["model"] = "sim-chat",
                ["reasoning"] = verdict.Reasoning, ["category"] = verdict.Category,
            }.ToJsonString(),
        });
    }

    /// <summary>The reviewer's verdict on classify: approve when category and priority are right, else correct them.</summary>
    private void AddDecision(PipelineRun run, StepRun step, StepVersion version, JsonObject model, DemoTickets.Ticket ticket, DateTimeOffset at)
    {
        var right = model["category"]?.GetValue<string>() == ticket.Category && model["priority"]?.GetValue<string>() == ticket.Priority;
        var item = new ReviewItem
        {
            PipelineRunId = run.Id, StepRunId = step.Id, StepVersionId = version.Id, NodeKey = step.NodeKey, Reason = ReviewReason.Sampling,
            Reasons = [ReviewReason.Sampling], ReasonDetail = "Sampled for the demo's ground truth.", Status = ReviewItemStatus.Completed,
            ReviewersNeeded = 1, DecisionsCount = 1, CreatedAt = at, CompletedAt = at.AddSeconds(20),
        };
        var corrected = (JsonObject)model.DeepClone();
        corrected["category"] = ticket.Category;
        corrected["priority"] = ticket.Priority;
        db.ReviewItems.Add(item);
        db.ReviewClaims.Add(new ReviewClaim { ReviewItemId = item.Id, Slot = 0, ReviewerId = Reviewer, ClaimedAt = at, LeaseExpiresAt = at.AddMinutes(10), DecidedAt = at.AddSeconds(20) });
        db.HumanFeedback.Add(new HumanFeedback
        {
            ReviewItemId = item.Id, PipelineRunId = run.Id, StepRunId = step.Id, ReviewerId = Reviewer,
            Decision = right ? ReviewDecision.Approve : ReviewDecision.Correct, CorrectedIrJson = right ? null : corrected.ToJsonString(),
            CorrectionIsValid = right ? null : true, Labels = [right ? "correct" : "wrong"], TimeSpentMs = 6000 + (step.Id.GetHashCode() & 0x1FFF),
            CreatedAt = at.AddSeconds(20),
        });
    }

    /// <summary>classify v2: a shorter prompt that no longer shows the model the ticket, and ticket-triage v2 using it (published, not active).</summary>
    private void AddRegressingVersion(PipelineVersion pipeline, StepSeed classify, DateTimeOffset now)
    {
        var prompt = new PromptTemplateVersion
        {
            PromptTemplateId = classify.Prompt.PromptTemplateId, Number = classify.Prompt.Number + 1, SystemPrompt = classify.Prompt.SystemPrompt,
            Template = "Classify this support ticket by category and priority.", Variables = ["input", "ir"], CreatedAt = now,
        };
        var v1 = classify.Version;
        var v2 = new StepVersion
        {
            StepDefinitionId = v1.StepDefinitionId, Number = 2, Status = VersionStatus.Published, CreatedAt = now, PublishedAt = now,
            IrSchemaVersionId = v1.IrSchemaVersionId, PromptTemplateVersionId = prompt.Id, ModelRouteId = v1.ModelRouteId, MetricProfileId = v1.MetricProfileId,
            ValidationMode = v1.ValidationMode, ReviewSamplingRate = v1.ReviewSamplingRate, ParamsJson = v1.ParamsJson, LabelSet = [.. v1.LabelSet], Guidelines = v1.Guidelines,
        };
        var dag = new PipelineDag
        {
            Nodes = [.. pipeline.Dag.Nodes.Select(n => new DagNode
            {
                Key = n.Key, StepVersionId = n.Key == "classify" ? v2.Id : n.StepVersionId, DependsOn = [.. n.DependsOn], Retries = n.Retries, TimeoutMs = n.TimeoutMs,
                Condition = n.Condition, ContinueOnFail = n.ContinueOnFail, ParallelGroup = n.ParallelGroup, MetricProfileId = n.MetricProfileId,
                Params = n.Params?.DeepClone() as JsonObject,
            })],
        };
        var layout = new DagLayout();
        foreach (var (key, position) in pipeline.Layout.Positions) layout.Positions[key] = position;
        db.AddRange(prompt, v2, new PipelineVersion
        {
            PipelineDefinitionId = pipeline.PipelineDefinitionId, Number = 2, Status = VersionStatus.Published, Dag = dag, Layout = layout,
            Notes = "Shorter classify prompt (classify v2). It no longer shows the model the ticket: the gate refuses it.", CreatedAt = now, CreatedBy = "seed", PublishedAt = now,
        });
    }
}
