using AiFlow.Domain.Common;
using AiFlow.Domain.Prompts;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Steps;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Steps;

public sealed class StepAuthoringServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private StepAuthoringService Service() => new(new AuditedContextFactory(fixture.Database), TimeProvider.System, TestStepKinds.Registry());

    private async Task<Guid> PromptVersionAsync()
    {
        await using var db = fixture.Database.CreateContext();
        var template = new PromptTemplate { Key = "p-" + Guid.NewGuid().ToString("N")[..8], Name = "p" };
        var version = new PromptTemplateVersion { PromptTemplateId = template.Id, Number = 1, Template = "{{ input.text }}", CreatedAt = DateTimeOffset.UtcNow };
        db.AddRange(template, version);
        await db.SaveChangesAsync();
        return version.Id;
    }

    private async Task<(string Key, StepVersionDetails Draft)> NewDraftAsync(StepKind kind = StepKind.StructuredLlm)
    {
        var key = "s-" + Guid.NewGuid().ToString("N")[..8];
        var step = await Service().CreateStepAsync(key, "Step " + key, kind, null, TestUsers.Admin(), None);
        Assert.True(step.Saved, step.Message);
        var draft = await Service().CreateVersionAsync(key, null, TestUsers.Admin(), None);
        Assert.True(draft.Saved, draft.Message);
        return (key, draft.Value!);
    }

    private async Task<StepVersion> StoredAsync(string key, int number)
    {
        await using var db = fixture.Database.CreateContext();
        return await db.StepVersions.AsNoTracking().FirstAsync(v => v.StepDefinition!.Key == key && v.Number == number);
    }

    [Fact]
    public async Task A_draft_is_saved_then_published_and_the_next_version_starts_as_a_copy()
    {
        var (key, draft) = await NewDraftAsync();
        var prompt = await PromptVersionAsync();
        var settings = new StepVersionDraft { PromptTemplateVersionId = prompt, ParamsJson = """{"temperature":0.1}""", ReviewSamplingRate = 0.25, Guidelines = "**Check** totals." };

        var saved = await Service().SaveDraftAsync(key, 1, draft.RowVersion, settings, TestUsers.Admin(), None);
        Assert.True(saved.Saved, saved.Message);
        var published = await Service().PublishAsync(key, 1, saved.Value!.RowVersion, TestUsers.Admin(), None);
        Assert.True(published.Saved, published.Message);
        var next = await Service().CreateVersionAsync(key, null, TestUsers.Admin(), None);

        var stored = await StoredAsync(key, 1);
        Assert.Equal((VersionStatus.Published, 0.25, "**Check** totals."), (stored.Status, stored.ReviewSamplingRate, stored.Guidelines));
        Assert.NotNull(stored.PublishedAt);
        Assert.Equal((2, VersionStatus.Draft), (next.Value!.Number, next.Value.Status));
        Assert.Equal(prompt, next.Value.Settings.PromptTemplateVersionId);
        var listed = Assert.Single(await Service().ListAsync(None), s => s.Key == key);
        Assert.Equal([VersionStatus.Published, VersionStatus.Draft], listed.Versions.Select(v => v.Status));
    }

    [Fact]
    public async Task A_published_version_is_immutable_and_the_service_says_so()
    {
        var (key, draft) = await NewDraftAsync(StepKind.Transform);
        var published = await Service().PublishAsync(key, 1, draft.RowVersion, TestUsers.Admin(), None);
        Assert.True(published.Saved, published.Message);

        var edit = await Service().SaveDraftAsync(key, 1, published.Value!.RowVersion, new StepVersionDraft { ParamsJson = """{"template":"{}"}""" }, TestUsers.Admin(), None);
        var again = await Service().PublishAsync(key, 1, null, TestUsers.Admin(), None);

        Assert.Equal(SaveOutcome.Conflict, edit.Outcome);
        Assert.Equal($"{key} v1 is published and can no longer change; create a new version to change its settings.", edit.Message);
        Assert.Equal(SaveOutcome.Conflict, again.Outcome);
        Assert.Equal("{}", (await StoredAsync(key, 1)).ParamsJson);
    }

    [Fact]
    public async Task Two_admins_saving_the_same_draft_get_a_conflict_naming_who_saved_first()
    {
        var (key, draft) = await NewDraftAsync(StepKind.Transform);
        using (AuditScope.Begin("bob@aiflow.local"))
        {
            var bob = await Service().SaveDraftAsync(key, 1, draft.RowVersion, new StepVersionDraft { ReviewSamplingRate = 0.5 }, TestUsers.Admin("bob@aiflow.local"), None);
            Assert.True(bob.Saved, bob.Message);
        }

        var alice = await Service().SaveDraftAsync(key, 1, draft.RowVersion, new StepVersionDraft { ReviewSamplingRate = 0.9 }, TestUsers.Admin(), None);

        Assert.Equal(SaveOutcome.Conflict, alice.Outcome);
        Assert.StartsWith("v1 was saved by bob@aiflow.local at ", alice.Message, StringComparison.Ordinal);
        Assert.Equal(0.5, (await StoredAsync(key, 1)).ReviewSamplingRate);
    }

    [Fact]
    public async Task Concurrent_saves_of_one_draft_with_the_same_row_version_leave_exactly_one_winner()
    {
        var (key, draft) = await NewDraftAsync(StepKind.Transform);

        var results = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            Service().SaveDraftAsync(key, 1, draft.RowVersion, new StepVersionDraft { ReviewSamplingRate = i / 10.0 }, TestUsers.Admin(), None)));

        var winner = Assert.Single(results, r => r.Saved);
        Assert.All(results.Where(r => !r.Saved), r => Assert.Equal(SaveOutcome.Conflict, r.Outcome));
        Assert.Equal(winner.Value!.Settings.ReviewSamplingRate, (await StoredAsync(key, 1)).ReviewSamplingRate);
    }

    [Fact]
    public async Task Bad_settings_are_refused_with_specific_messages_and_nothing_is_saved()
    {
        var (key, draft) = await NewDraftAsync();

        var refused = await Service().SaveDraftAsync(key, 1, draft.RowVersion, new StepVersionDraft
        {
            ModelRouteId = Guid.NewGuid(), ParamsJson = """{"temperature":"warm"}""", ReviewSamplingRate = 2, ValidationMode = ValidationMode.Enforce,
        }, TestUsers.Admin(), None);

        Assert.Equal(SaveOutcome.Invalid, refused.Outcome);
        Assert.Contains(new FieldProblem("/modelRouteId", "The chosen model route does not exist."), refused.Problems);
        Assert.Contains(new FieldProblem("/params/temperature", "Parameter 'temperature' must be a number from 0 to 2."), refused.Problems);
        Assert.Contains(new FieldProblem("/irSchemaVersionId", "Validation mode enforce needs an IR schema version to enforce."), refused.Problems);
        Assert.Contains(refused.Messages, p => p.StartsWith("Review sampling rate", StringComparison.Ordinal));
        var stored = await StoredAsync(key, 1);
        Assert.Equal((null, "{}", 0.0), (stored.ModelRouteId, stored.ParamsJson, stored.ReviewSamplingRate));
        Assert.Equal(draft.RowVersion, stored.Version);
    }

    [Fact]
    public async Task Publishing_an_llm_step_without_a_prompt_is_refused_and_it_stays_a_draft()
    {
        var (key, draft) = await NewDraftAsync();

        var refused = await Service().PublishAsync(key, 1, draft.RowVersion, TestUsers.Admin(), None);

        Assert.Equal(["A structured LLM step needs a prompt template version before it can be published."], refused.Messages);
        Assert.Equal(VersionStatus.Draft, (await StoredAsync(key, 1)).Status);
    }

    [Fact]
    public async Task A_second_draft_is_refused_while_one_is_open()
    {
        var (key, _) = await NewDraftAsync();

        var second = await Service().CreateVersionAsync(key, null, TestUsers.Admin(), None);

        Assert.Equal(SaveOutcome.Conflict, second.Outcome);
        Assert.Equal("v1 is already a draft: edit it, or publish it before starting another version.", second.Message);
    }

    [Fact]
    public async Task Only_an_admin_may_change_steps()
    {
        var (key, draft) = await NewDraftAsync(StepKind.Transform);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service().CreateStepAsync("ops-step", "x", StepKind.Transform, null, TestUsers.Ops(), None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service().SaveDraftAsync(key, 1, draft.RowVersion, new StepVersionDraft(), TestUsers.Ops(), None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service().PublishAsync(key, 1, null, TestUsers.Ops(), None));
        Assert.Equal(VersionStatus.Draft, (await StoredAsync(key, 1)).Status);
    }

    [Fact]
    public async Task Only_kinds_with_a_registered_executor_are_offered_and_a_step_of_another_kind_is_refused_with_the_reason()
    {
        var key = "s-" + Guid.NewGuid().ToString("N")[..8];

        var refused = await Service().CreateStepAsync(key, "Evaluate", StepKind.Evaluation, null, TestUsers.Admin(), None);

        Assert.DoesNotContain(StepKind.Evaluation, Service().AuthorableKinds);
        Assert.Contains(StepKind.Transcription, Service().AuthorableKinds);
        Assert.Contains(StepKind.Embedding, Service().AuthorableKinds);
        Assert.Equal(SaveOutcome.Invalid, refused.Outcome);
        Assert.StartsWith("Evaluation steps cannot run in this build, so they cannot be authored or published; the kinds that run are StructuredLlm, Vision,", refused.Message, StringComparison.Ordinal);
        await using var db = fixture.Database.CreateContext();
        Assert.False(await db.StepDefinitions.AnyAsync(d => d.Key == key));
    }

    [Fact]
    public async Task A_step_whose_kind_can_no_longer_run_gets_no_new_version_and_its_draft_is_not_published()
    {
        var (key, draft) = await NewDraftAsync(StepKind.Transform);
        // The same database, read by a build that registers no transform executor.
        var without = new StepAuthoringService(new AuditedContextFactory(fixture.Database), TimeProvider.System,
            TestStepKinds.Registry(StepKind.StructuredLlm, StepKind.HumanReview));

        var published = await without.PublishAsync(key, 1, draft.RowVersion, TestUsers.Admin(), None);
        var next = await without.CreateVersionAsync(key, null, TestUsers.Admin(), None);

        Assert.Equal(SaveOutcome.Invalid, published.Outcome);
        Assert.StartsWith("Transform steps cannot run in this build", published.Message, StringComparison.Ordinal);
        Assert.Equal(SaveOutcome.Invalid, next.Outcome);
        Assert.Equal(VersionStatus.Draft, (await StoredAsync(key, 1)).Status);
    }
}
