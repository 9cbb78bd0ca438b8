using AiFlow.Domain.Common;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Metrics;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Metrics;

public sealed class MetricCatalogServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private MetricCatalogService Service() => new(new AuditedContextFactory(fixture.Database));

    private static string NewKey(string prefix = "m") => $"{prefix}_{Guid.NewGuid():N}"[..20];

    private static MetricDefinitionInput Regex(string key, string parameters = """{"pointer":"/code","pattern":"^[A-Z]+$"}""") =>
        new(key, "Upper-case code", null, MetricDirection.HigherIsBetter, null, "regex_match", parameters, MetricAggregation.Rate);

    private async Task<MetricDefinitionView> CreatedAsync(MetricDefinitionInput input)
    {
        var created = await Service().CreateDefinitionAsync(input, TestUsers.Admin(), None);
        Assert.True(created.Saved, created.Message);
        return created.Value!;
    }

    private async Task<MetricDefinition?> StoredAsync(string key)
    {
        await using var db = fixture.Database.CreateContext();
        return await db.MetricDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Key == key);
    }

    [Fact]
    public async Task A_definition_is_created_then_updated_and_reads_back_with_its_functions_formula()
    {
        var key = NewKey();
        var created = await CreatedAsync(Regex(key) with { Unit = "  ", Description = " Codes are upper case. " });

        var updated = await Service().UpdateDefinitionAsync(key, created.Version,
            Regex(key, """{"pattern":"^[A-Z]{3}$"}""") with { Direction = MetricDirection.LowerIsBetter, Aggregation = MetricAggregation.P95 }, TestUsers.Admin(), None);

        Assert.True(updated.Saved, updated.Message);
        var read = await Service().GetDefinitionAsync(key, None);
        Assert.Equal((MetricDirection.LowerIsBetter, MetricAggregation.P95, "regex_match"), (read!.Direction, read.Aggregation, read.Function));
        Assert.Equal("""{"pattern":"^[A-Z]{3}$"}""", read.ParametersJson.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal((null, "Codes are upper case."), (created.Unit, created.Description));
        MetricFunctionCatalog.TryGet("regex_match", out var fn);
        Assert.Equal((fn!.Formula, MetricFunctionKind.ReferenceFree), (read.Formula, read.Kind));
        Assert.NotEqual(created.Version, read.Version);
        Assert.Contains(await Service().ListDefinitionsAsync(None), d => d.Key == key);
    }

    [Fact]
    public async Task Each_save_of_a_definition_is_a_numbered_version_kept_in_its_history_with_who_when_and_what_changed()
    {
        var key = NewKey();
        var created = await CreatedAsync(Regex(key));
        MetricCatalogResult<MetricDefinitionView> second;
        using (AuditScope.Begin("bob@aiflow.local"))
        {
            second = await Service().UpdateDefinitionAsync(key, created.Version, Regex(key) with { Name = "Codes" }, TestUsers.Admin("bob@aiflow.local"), None);
        }
        var third = await Service().UpdateDefinitionAsync(key, second.Value!.Version,
            Regex(key, """{"pointer":"/code","pattern":"^[A-Z]{2}$"}""") with { Name = "Codes", Aggregation = MetricAggregation.Mean }, TestUsers.Admin(), None);
        var stale = await Service().UpdateDefinitionAsync(key, second.Value.Version, Regex(key) with { Name = "Late" }, TestUsers.Admin(), None);

        Assert.Equal((1u, 2u, 3u), (created.Version, second.Value.Version, third.Value!.Version));
        Assert.Equal(SaveOutcome.Conflict, stale.Outcome);
        var history = (await Service().DefinitionHistoryAsync(key, None))!;
        Assert.Equal([3, 2, 1], history.Select(v => v.Version));
        Assert.Equal("bob@aiflow.local", history[1].SavedBy);
        Assert.Equal(["name: \"Upper-case code\" → \"Codes\""], history[1].Changes);
        Assert.Equal(["created"], history[2].Changes);
        Assert.Equal(2, history[0].Changes.Count);
        Assert.StartsWith("parameters: ", history[0].Changes[0], StringComparison.Ordinal);
        Assert.Equal("aggregation: \"Rate\" → \"Mean\"", history[0].Changes[1]);
        // Each version keeps the definition as it was, so the first still reads as created.
        Assert.Equal(("Upper-case code", MetricAggregation.Rate), (history[2].Value.Name, history[2].Value.Aggregation));
        Assert.Null(await Service().DefinitionHistoryAsync("no_such_metric", None));
    }

    [Fact]
    public async Task Each_save_of_a_profile_is_a_numbered_version_whose_history_names_the_targets_added_removed_and_changed()
    {
        var first = (await CreatedAsync(Regex(NewKey()))).Key;
        var second = (await CreatedAsync(Regex(NewKey()))).Key;
        var key = NewKey("p");
        var created = await Service().CreateProfileAsync(new MetricProfileInput(key, "Checks", [new(first, 0.9)]), TestUsers.Admin(), None);
        var updated = await Service().UpdateProfileAsync(key, created.Value!.Version, new MetricProfileInput(key, "Checks", [new(second, null), new(first, 0.95)]),
            TestUsers.Admin(), None);
        var removed = await Service().UpdateProfileAsync(key, updated.Value!.Version, new MetricProfileInput(key, "Checks", [new(first, 0.95)]), TestUsers.Admin(), None);

        Assert.Equal((1u, 2u, 3u), (created.Value.Version, updated.Value.Version, removed.Value!.Version));
        var history = (await Service().ProfileHistoryAsync(key, None))!;
        Assert.Equal([$"removed {second}"], history[0].Changes);
        Assert.Equal([$"added {second} (target none, weight 1)", $"{first}: target 0.9, weight 1 → target 0.95, weight 1"], history[1].Changes);
        Assert.Equal([new MetricTarget(first, 0.9)], history[2].Value.Targets);
    }

    [Fact]
    public async Task An_unknown_function_is_refused_at_function_naming_the_known_ones()
    {
        var key = NewKey();

        var refused = await Service().CreateDefinitionAsync(Regex(key) with { Function = "bleu_score" }, TestUsers.Admin(), None);

        var problem = Assert.Single(refused.Problems);
        Assert.Equal((SaveOutcome.Invalid, "/function"), (refused.Outcome, problem.Field));
        Assert.StartsWith("There is no metric function 'bleu_score'; the library has latency_ms, tokens_in,", problem.Message, StringComparison.Ordinal);
        Assert.Contains("field_f1", problem.Message, StringComparison.Ordinal);
        Assert.Null(await StoredAsync(key));
    }

    [Fact]
    public async Task Parameters_the_function_refuses_are_named_at_their_pointer_and_nothing_is_saved()
    {
        var key = NewKey();

        var wrong = await Service().CreateDefinitionAsync(Regex(key, """{"pointer":5,"patern":"x"}"""), TestUsers.Admin(), None);
        var array = await Service().CreateDefinitionAsync(Regex(key, """["pattern"]"""), TestUsers.Admin(), None);
        var broken = await Service().CreateDefinitionAsync(Regex(key, """{"pattern":"""), TestUsers.Admin(), None);
        var badRegex = await Service().CreateDefinitionAsync(Regex(key, """{"pattern":"(unclosed"}"""), TestUsers.Admin(), None);
        var badKey = await Service().CreateDefinitionAsync(Regex("Bad-Key"), TestUsers.Admin(), None);

        Assert.Equal(["/parameters/patern", "/parameters/pattern", "/parameters/pointer"], wrong.Problems.Select(p => p.Field).Order());
        Assert.Contains(wrong.Problems, p => p.Message.StartsWith("'pattern' is required", StringComparison.Ordinal));
        Assert.Equal(("/parameters", "Parameters must be a JSON object such as {\"pointer\":\"/total\"}, not an array."), (array.Problems[0].Field, array.Problems[0].Message));
        Assert.StartsWith("Parameters are not valid JSON", Assert.Single(broken.Problems).Message, StringComparison.Ordinal);
        Assert.Equal("/parameters/pattern", Assert.Single(badRegex.Problems).Field);
        Assert.Equal("/key", Assert.Single(badKey.Problems).Field);
        Assert.Null(await StoredAsync(key));
    }

    [Fact]
    public async Task A_duplicate_key_is_refused_with_a_message_not_a_database_error()
    {
        var key = NewKey();
        await CreatedAsync(Regex(key));

        var again = await Service().CreateDefinitionAsync(Regex(key) with { Name = "Another" }, TestUsers.Admin(), None);
        var other = await CreatedAsync(Regex(NewKey()));
        var renamed = await Service().UpdateDefinitionAsync(other.Key, other.Version, Regex(key), TestUsers.Admin(), None);

        Assert.Equal(new MetricFieldProblem("/key", $"A metric with key '{key}' already exists; pick another key or edit that metric."), Assert.Single(again.Problems));
        Assert.Equal("/key", Assert.Single(renamed.Problems).Field);
        Assert.Equal("Upper-case code", (await StoredAsync(key))!.Name);
    }

    [Fact]
    public async Task A_stale_version_is_refused_as_a_conflict_naming_who_saved_and_keeps_their_change()
    {
        var key = NewKey();
        var read = await CreatedAsync(Regex(key));
        using (AuditScope.Begin("bob@aiflow.local"))
        {
            var bob = await Service().UpdateDefinitionAsync(key, read.Version, Regex(key) with { Name = "Bob's" }, TestUsers.Admin("bob@aiflow.local"), None);
            Assert.True(bob.Saved, bob.Message);
        }

        var alice = await Service().UpdateDefinitionAsync(key, read.Version, Regex(key) with { Name = "Alice's" }, TestUsers.Admin(), None);

        Assert.Equal(SaveOutcome.Conflict, alice.Outcome);
        Assert.StartsWith($"The metric '{key}' was changed by bob@aiflow.local at ", alice.Message, StringComparison.Ordinal);
        Assert.Contains("Reload", alice.Message, StringComparison.Ordinal);
        Assert.Equal("Bob's", (await StoredAsync(key))!.Name);
    }

    [Fact]
    public async Task Concurrent_updates_with_the_same_version_leave_exactly_one_winner()
    {
        var key = NewKey();
        var read = await CreatedAsync(Regex(key));

        var results = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            Service().UpdateDefinitionAsync(key, read.Version, Regex(key) with { Name = $"Edit {i}" }, TestUsers.Admin(), None)));

        var winner = Assert.Single(results, r => r.Saved);
        Assert.All(results.Where(r => !r.Saved), r => Assert.Equal(SaveOutcome.Conflict, r.Outcome));
        Assert.Equal(winner.Value!.Name, (await StoredAsync(key))!.Name);
    }

    [Fact]
    public async Task A_profile_naming_an_unknown_metric_twice_the_same_metric_or_an_infinite_target_is_refused_at_each_target()
    {
        var metric = (await CreatedAsync(Regex(NewKey()))).Key;
        var key = NewKey("p");

        var refused = await Service().CreateProfileAsync(new MetricProfileInput(key, "Checks",
        [
            new(metric, 1), new("no_such_metric", null), new(metric, 0.5), new(metric, double.PositiveInfinity, double.NaN),
        ]), TestUsers.Admin(), None);

        Assert.Equal(SaveOutcome.Invalid, refused.Outcome);
        Assert.Equal(["/targets/1/metricKey", "/targets/2/metricKey", "/targets/3/metricKey", "/targets/3/target", "/targets/3/weight"], refused.Problems.Select(p => p.Field));
        Assert.Equal("There is no metric 'no_such_metric'; define it first.", refused.Problems[0].Message);
        Assert.Equal($"'{metric}' is already target 1 of this profile.", refused.Problems[1].Message);
        Assert.Null(await Service().GetProfileAsync(key, None));
    }

    [Fact]
    public async Task A_profile_is_created_and_updated_with_its_version_and_a_stale_one_is_a_conflict()
    {
        var first = (await CreatedAsync(Regex(NewKey()))).Key;
        var second = (await CreatedAsync(Regex(NewKey()))).Key;
        var key = NewKey("p");
        var created = await Service().CreateProfileAsync(new MetricProfileInput(key, "Checks", [new(first, 0.9)]), TestUsers.Admin(), None);
        Assert.True(created.Saved, created.Message);

        var updated = await Service().UpdateProfileAsync(key, created.Value!.Version,
            new MetricProfileInput(key, "Checks v2", [new(first, 0.95, 2), new(second, null)]), TestUsers.Admin(), None);
        var stale = await Service().UpdateProfileAsync(key, created.Value.Version, new MetricProfileInput(key, "Mine", []), TestUsers.Admin(), None);

        Assert.True(updated.Saved, updated.Message);
        Assert.Equal(SaveOutcome.Conflict, stale.Outcome);
        var read = await Service().GetProfileAsync(key, None);
        Assert.Equal("Checks v2", read!.Name);
        Assert.Equal([new MetricTarget(first, 0.95, 2), new MetricTarget(second, null)], read.Targets);
    }

    [Fact]
    public async Task The_key_of_a_metric_that_a_profile_uses_cannot_change_but_its_other_fields_can()
    {
        var metric = await CreatedAsync(Regex(NewKey()));
        var profile = NewKey("p");
        Assert.True((await Service().CreateProfileAsync(new MetricProfileInput(profile, "Uses it", [new(metric.Key, 1)]), TestUsers.Admin(), None)).Saved);

        var renamed = await Service().UpdateDefinitionAsync(metric.Key, metric.Version, Regex(NewKey()), TestUsers.Admin(), None);
        var described = await Service().UpdateDefinitionAsync(metric.Key, metric.Version, Regex(metric.Key) with { Description = "Still used." }, TestUsers.Admin(), None);

        var problem = Assert.Single(renamed.Problems);
        Assert.Equal(("/key", $"'{metric.Key}' is used by profile {profile}, so its key cannot change; create a new metric instead."), (problem.Field, problem.Message));
        Assert.True(described.Saved, described.Message);
    }

    [Fact]
    public async Task The_key_of_a_metric_with_stored_run_or_evaluation_results_cannot_change()
    {
        var measured = await CreatedAsync(Regex(NewKey()));
        var evaluated = await CreatedAsync(Regex(NewKey()));
        await using (var db = fixture.Database.CreateContext())
        {
            var pipeline = await TestRuns.AddPipelineAsync(db, "metric-uses-" + Guid.NewGuid().ToString("N")[..6]);
            var run = TestRuns.Run(pipeline, DateTimeOffset.UtcNow, RunStatus.Completed, 0, 0);
            var step = TestRuns.Step(run, pipeline.StepVersionId, "a", StepRunStatus.Completed, 10, 0, 0);
            var evaluation = new EvaluationRun { Status = EvaluationStatus.Completed, CreatedAt = DateTimeOffset.UtcNow };
            db.AddRange(run, step, evaluation);
            db.Add(new MetricResult { StepRunId = step.Id, PipelineRunId = run.Id, MetricDefinitionId = measured.Id, MetricKey = measured.Key, Value = 1, CreatedAt = DateTimeOffset.UtcNow });
            db.Add(new EvaluationResult { EvaluationRunId = evaluation.Id, Metrics = new() { [evaluated.Key] = 1 } });
            await db.SaveChangesAsync();
        }

        var runs = await Service().UpdateDefinitionAsync(measured.Key, measured.Version, Regex(NewKey()), TestUsers.Admin(), None);
        var evaluations = await Service().UpdateDefinitionAsync(evaluated.Key, evaluated.Version, Regex(NewKey()), TestUsers.Admin(), None);

        Assert.Equal($"'{measured.Key}' is used by stored run results, so its key cannot change; create a new metric instead.", Assert.Single(runs.Problems).Message);
        Assert.Equal($"'{evaluated.Key}' is used by evaluation results, so its key cannot change; create a new metric instead.", Assert.Single(evaluations.Problems).Message);
    }

    [Fact]
    public async Task An_update_writes_an_audit_entry_with_who_before_and_after()
    {
        var key = NewKey();
        var read = await CreatedAsync(Regex(key));
        using (AuditScope.Begin("alice@aiflow.local"))
        {
            Assert.True((await Service().UpdateDefinitionAsync(key, read.Version, Regex(key) with { Name = "Renamed metric" }, TestUsers.Admin(), None)).Saved);
        }

        await using var db = fixture.Database.CreateContext();
        var entries = await db.AuditEntries.Where(a => a.EntityId == read.Id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Updated], entries.Select(e => e.Action));
        var update = entries[1];
        Assert.Equal(("alice@aiflow.local", nameof(MetricDefinition)), (update.UserName, update.EntityType));
        Assert.Contains("Upper-case code", update.Before, StringComparison.Ordinal);
        Assert.Contains("Renamed metric", update.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ops_may_read_the_catalogue_but_not_change_it()
    {
        var key = NewKey();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service().CreateDefinitionAsync(Regex(key), TestUsers.Ops(), None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service().CreateProfileAsync(new MetricProfileInput(NewKey("p"), "x", []), TestUsers.Ops(), None));
        Assert.Null(await StoredAsync(key));
    }
}
