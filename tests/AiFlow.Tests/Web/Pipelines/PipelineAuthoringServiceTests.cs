using AiFlow.Domain.Access;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Steps;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Pipelines.Authoring;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Web.Pipelines;

public class PipelineAuthoringServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private AuthoringTestCatalog catalog = null!;
    private PipelineAuthoringService service = null!;

    public async Task InitializeAsync()
    {
        catalog = new AuthoringTestCatalog(fixture.Database);
        await catalog.SeedAsync();
        service = new PipelineAuthoringService(catalog, TimeProvider.System, new AiFlow.Infrastructure.Evaluation.GateService(catalog, TimeProvider.System), TestStepKinds.Registry());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly CancellationToken None = CancellationToken.None;

    private DagNode Node(string key, Guid step, params string[] dependsOn) => new() { Key = key, StepVersionId = step, DependsOn = [.. dependsOn] };

    private PipelineDag ValidDag() => new() { Nodes = [Node("extract", catalog.Extract), Node("classify", catalog.Classify, "extract"), Node("reply", catalog.Reply, "classify")] };

    private async Task<PipelineDraft> NewPipelineAsync(PipelineDag? dag = null)
    {
        var key = "p-" + Guid.NewGuid().ToString("N")[..10];
        var created = await service.CreatePipelineAsync(key, "Test " + key, AuthoringTestCatalog.Admin(), None);
        Assert.True(created.Succeeded, created.Message);
        if (dag is null) return created.Draft!;
        var saved = await service.SaveDraftAsync(created.Draft!.VersionId, created.Draft.RowVersion, dag, new DagLayout(), AuthoringTestCatalog.Admin(), None);
        Assert.True(saved.Succeeded, saved.Message);
        return saved.Draft!;
    }

    private async Task<PipelineDraft> PublishedAsync(string key)
    {
        var draft = (await service.GetOrCreateDraftAsync(key, AuthoringTestCatalog.Admin(), None)).Draft!;
        var saved = await service.SaveDraftAsync(draft.VersionId, draft.RowVersion, ValidDag(), new DagLayout(), AuthoringTestCatalog.Admin(), None);
        var published = await service.PublishAsync(saved.Draft!.VersionId, saved.Draft.RowVersion, AuthoringTestCatalog.Admin(), None);
        Assert.True(published.Succeeded, published.Message);
        return published.Draft!;
    }

    [Fact]
    public async Task Release_notes_written_when_publishing_stay_with_the_version_and_show_in_its_history()
    {
        var draft = await NewPipelineAsync(ValidDag());

        var result = await service.PublishAsync(draft.VersionId, draft.RowVersion, AuthoringTestCatalog.Admin(), None, "  Replies now wait for the classifier.  ");

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("Replies now wait for the classifier.", result.Draft!.ReleaseNotes);
        Assert.Equal("Replies now wait for the classifier.", (await service.GetVersionAsync(draft.Key, draft.Number, None))!.ReleaseNotes);
        var history = await service.HistoryAsync(draft.Key, None);
        Assert.Equal("Replies now wait for the classifier.", Assert.Single(history).ReleaseNotes);
    }

    [Fact]
    public async Task Release_notes_longer_than_the_limit_are_refused_and_the_draft_stays_a_draft()
    {
        var draft = await NewPipelineAsync(ValidDag());

        var result = await service.PublishAsync(draft.VersionId, draft.RowVersion, AuthoringTestCatalog.Admin(), None, new string('x', 4001));

        Assert.Equal(AuthoringOutcome.Invalid, result.Outcome);
        Assert.Contains("at most 4000", result.Message, StringComparison.Ordinal);
        Assert.Equal(VersionStatus.Draft, (await service.GetVersionAsync(draft.Key, draft.Number, None))!.Status);
    }

    [Fact]
    public async Task An_input_schema_saved_with_the_draft_is_the_pipelines_and_a_blank_one_removes_it()
    {
        var draft = await NewPipelineAsync();
        const string schema = """{"type":"object","required":["subject"],"properties":{"subject":{"type":"string"}}}""";

        var saved = await service.SaveDraftAsync(draft.VersionId, draft.RowVersion, ValidDag(), new DagLayout(), AuthoringTestCatalog.Admin(), None, schema);

        Assert.True(saved.Succeeded, saved.Message);
        var stored = (await service.GetCurrentAsync(draft.Key, None))!.InputSchemaJson;
        Assert.Equal(["subject"], SchemaFields.TopLevel(stored));

        var cleared = await service.SaveDraftAsync(saved.Draft!.VersionId, saved.Draft.RowVersion, ValidDag(), new DagLayout(), AuthoringTestCatalog.Admin(), None, "  ");
        Assert.True(cleared.Succeeded, cleared.Message);
        Assert.Null((await service.GetCurrentAsync(draft.Key, None))!.InputSchemaJson);
    }

    [Fact]
    public async Task An_input_schema_that_is_not_valid_json_schema_is_refused_with_its_place_and_nothing_is_saved()
    {
        var draft = await NewPipelineAsync();

        var refused = await service.SaveDraftAsync(draft.VersionId, draft.RowVersion, ValidDag(), new DagLayout(), AuthoringTestCatalog.Admin(), None,
            """{"type":"object","properties":{"subject":{"type":"strng"}}}""");

        Assert.Equal(AuthoringOutcome.Invalid, refused.Outcome);
        Assert.Contains("/properties/subject/type", refused.Message, StringComparison.Ordinal);
        var current = (await service.GetCurrentAsync(draft.Key, None))!;
        Assert.Null(current.InputSchemaJson);
        Assert.Empty(current.Dag.Nodes);
    }

    [Fact]
    public async Task Publish_refuses_a_cyclic_graph_with_the_issues_and_saves_nothing()
    {
        var dag = ValidDag();
        dag.Nodes[0].DependsOn.Add("reply");
        var draft = await NewPipelineAsync(dag);

        var result = await service.PublishAsync(draft.VersionId, draft.RowVersion, AuthoringTestCatalog.Admin(), None);

        Assert.Equal(AuthoringOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Issues, i => i.Message.Contains("cycle", StringComparison.Ordinal) && i.Nodes.Contains("extract"));
        var stored = await service.GetVersionAsync(draft.Key, draft.Number, None);
        Assert.Equal(VersionStatus.Draft, stored!.Status);
        Assert.Equal(draft.RowVersion, stored.RowVersion);
    }

    [Fact]
    public async Task The_palette_leaves_out_step_versions_whose_kind_cannot_run_and_publishing_a_node_that_pins_one_is_refused_by_name()
    {
        Guid transcribe;
        await using (var db = fixture.Database.CreateContext())
        {
            var definition = new StepDefinition { Key = "t_stt_" + Guid.NewGuid().ToString("N")[..6], Name = "Evaluate", Kind = StepKind.Evaluation };
            var version = new StepVersion { StepDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow };
            db.AddRange(definition, version);
            await db.SaveChangesAsync();
            transcribe = version.Id;
        }
        var dag = ValidDag();
        dag.Nodes.Add(Node("stt", transcribe, "extract"));
        var draft = await NewPipelineAsync(dag);

        var palette = await service.CatalogAsync(None);
        var result = await service.PublishAsync(draft.VersionId, draft.RowVersion, AuthoringTestCatalog.Admin(), None);

        Assert.DoesNotContain(palette.Steps, s => s.StepVersionId == transcribe);
        Assert.Contains(palette.Steps, s => s.StepVersionId == catalog.Extract);
        Assert.Equal(AuthoringOutcome.Invalid, result.Outcome);
        var issue = Assert.Single(result.Issues);
        Assert.Equal(["stt"], issue.Nodes);
        Assert.EndsWith("v1 is a Evaluation step, which cannot run in this build.", issue.Message, StringComparison.Ordinal);
        Assert.Equal(VersionStatus.Draft, (await service.GetVersionAsync(draft.Key, draft.Number, None))!.Status);
    }

    [Fact]
    public async Task Publish_refuses_an_unknown_step_version_and_a_condition_naming_a_downstream_node()
    {
        var dag = ValidDag();
        dag.Nodes[1].Condition = "ir.reply.tone == 'formal'";
        dag.Nodes.Add(Node("ghost", Guid.NewGuid(), "extract"));
        var draft = await NewPipelineAsync(dag);

        var result = await service.PublishAsync(draft.VersionId, draft.RowVersion, AuthoringTestCatalog.Admin(), None);

        Assert.Equal(AuthoringOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Issues, i => i.Nodes.SequenceEqual(["ghost"]) && i.Message.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(result.Issues, i => i.Nodes.SequenceEqual(["classify"]) && i.Message.Contains("'ir.reply'", StringComparison.Ordinal));
        Assert.Equal(VersionStatus.Draft, (await service.GetVersionAsync(draft.Key, draft.Number, None))!.Status);
    }

    [Fact]
    public async Task Publish_accepts_a_condition_on_an_upstream_metric_of_its_profile_and_the_version_then_refuses_edits()
    {
        var dag = ValidDag();
        dag.Nodes[2].Condition = "metrics.extract.field_f1 > 0.5 && ir.classify.priority != 'low'";
        var draft = await NewPipelineAsync(dag);

        var published = await service.PublishAsync(draft.VersionId, draft.RowVersion, AuthoringTestCatalog.Admin(), None);
        Assert.True(published.Succeeded, published.Message);

        var edit = await service.SaveDraftAsync(draft.VersionId, published.Draft!.RowVersion, new PipelineDag(), new DagLayout(), AuthoringTestCatalog.Admin(), None);
        Assert.Equal(AuthoringOutcome.Conflict, edit.Outcome);
        Assert.Equal(3, (await service.GetVersionAsync(draft.Key, draft.Number, None))!.Dag.Nodes.Count);
    }

    [Fact]
    public async Task Activate_leaves_exactly_one_active_version()
    {
        var first = await NewPipelineAsync();
        var v1 = await PublishedAsync(first.Key);
        var v2 = await PublishedAsync(first.Key);
        Assert.Equal(2, v2.Number);

        Assert.True((await service.ActivateAsync(first.Key, v1.Number, AuthoringTestCatalog.Admin(), None)).Succeeded);
        var second = await service.ActivateAsync(first.Key, v2.Number, AuthoringTestCatalog.Admin(), None);

        Assert.True(second.Succeeded, second.Message);
        var history = await service.HistoryAsync(first.Key, None);
        Assert.Equal([2], history.Where(v => v.IsActive).Select(v => v.Number));
    }

    [Fact]
    public async Task Activate_refuses_a_draft()
    {
        var draft = await NewPipelineAsync(ValidDag());

        var result = await service.ActivateAsync(draft.Key, draft.Number, AuthoringTestCatalog.Admin(), None);

        Assert.Equal(AuthoringOutcome.Invalid, result.Outcome);
        Assert.DoesNotContain(await service.HistoryAsync(draft.Key, None), v => v.IsActive);
    }

    [Fact]
    public async Task A_stale_save_is_a_conflict_that_names_who_saved_last_and_keeps_their_version()
    {
        var draft = await NewPipelineAsync();
        var bob = AuthoringTestCatalog.Admin("bob@aiflow.local");
        var theirs = await service.SaveDraftAsync(draft.VersionId, draft.RowVersion, ValidDag(), new DagLayout(), bob, None);
        Assert.True(theirs.Succeeded);

        var mine = await service.SaveDraftAsync(draft.VersionId, draft.RowVersion, new PipelineDag { Nodes = [Node("solo", catalog.Extract)] }, new DagLayout(), AuthoringTestCatalog.Admin(), None);

        Assert.Equal(AuthoringOutcome.Conflict, mine.Outcome);
        Assert.Equal("bob@aiflow.local", mine.SavedBy);
        Assert.NotNull(mine.SavedAt);
        Assert.Contains("bob@aiflow.local", mine.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await service.GetVersionAsync(draft.Key, draft.Number, None))!.Dag.Nodes.Count);
    }

    [Fact]
    public async Task Restore_puts_an_older_version_into_a_new_draft_and_diff_names_the_changes()
    {
        var draft = await NewPipelineAsync();
        var v2 = await PublishedAsync(draft.Key);
        var edited = (await service.GetOrCreateDraftAsync(draft.Key, AuthoringTestCatalog.Admin(), None)).Draft!;
        edited.Dag.Nodes.RemoveAt(2);
        var saved = await service.SaveDraftAsync(edited.VersionId, edited.RowVersion, edited.Dag, edited.Layout, AuthoringTestCatalog.Admin(), None);

        var diff = await service.DiffAsync(draft.Key, v2.Number, saved.Draft!.Number, None);
        var restored = await service.RestoreAsync(draft.Key, v2.Number, AuthoringTestCatalog.Admin(), None);

        Assert.Equal(["reply"], diff!.RemovedNodes);
        Assert.True(restored.Succeeded);
        Assert.Equal(saved.Draft.Number, restored.Draft!.Number);
        Assert.Equal(3, restored.Draft.Dag.Nodes.Count);
    }

    [Fact]
    public async Task Only_an_admin_may_change_a_pipeline()
    {
        var draft = await NewPipelineAsync();
        var ops = AuthoringTestCatalog.User("ops@aiflow.local", Roles.Ops);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.SaveDraftAsync(draft.VersionId, draft.RowVersion, ValidDag(), new DagLayout(), ops, None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.CreatePipelineAsync("by-ops", "x", ops, None));
        await using var db = catalog.CreateDbContext();
        Assert.False(await db.PipelineDefinitions.AnyAsync(p => p.Key == "by-ops"));
    }
}
