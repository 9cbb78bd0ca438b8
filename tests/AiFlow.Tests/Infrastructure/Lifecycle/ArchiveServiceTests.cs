using AiFlow.Domain.Common;
using AiFlow.Domain.Prompts;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Lifecycle;
using AiFlow.Infrastructure.Steps;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Lifecycle;

public sealed class ArchiveServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private ArchiveService Service() => new(new AuditedContextFactory(fixture.Database), TimeProvider.System);

    private static string NewKey(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_step_is_archived_and_restored_by_an_Admin_and_both_changes_are_audited()
    {
        string key = NewKey("arch");
        await using (var db = fixture.Database.CreateContext()) await TestPipelines.AddTransformStepAsync(db, key);

        var archived = await Service().SetAsync(ArchiveKind.Step, key, archive: true, TestUsers.Admin(), None);
        Assert.True(archived.Saved, archived.Message);
        Assert.Equal((true, "alice@aiflow.local"), (archived.Value!.Archived, archived.Value.ArchivedBy));
        Assert.True((await Service().GetAsync(ArchiveKind.Step, key, None))!.Archived);

        var restored = await Service().SetAsync(ArchiveKind.Step, key, archive: false, TestUsers.Admin(), None);
        Assert.True(restored.Saved, restored.Message);
        await using var check = fixture.Database.CreateContext();
        var step = await check.StepDefinitions.AsNoTracking().SingleAsync(s => s.Key == key);
        Assert.Equal((null, null), (step.ArchivedAt, step.ArchivedBy));
        var id = step.Id.ToString();
        var audits = await check.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(StepDefinition) && a.EntityId == id && a.Action == AuditAction.Updated)
            .OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, audits.Count);
        Assert.Contains("alice@aiflow.local", audits[0].After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_whose_user_name_is_as_long_as_identity_allows_archives_and_is_named_in_full()
    {
        string key = NewKey("arch-long");
        await using (var db = fixture.Database.CreateContext()) await TestPipelines.AddTransformStepAsync(db, key);
        // Identity's user names, and so the e-mail addresses admins sign in with, may be 256 characters long.
        var name = new string('a', 256 - "@aiflow.local".Length) + "@aiflow.local";

        var archived = await Service().SetAsync(ArchiveKind.Step, key, archive: true, TestUsers.Admin(name), None);

        Assert.True(archived.Saved, archived.Message);
        await using var check = fixture.Database.CreateContext();
        Assert.Equal(name, (await check.StepDefinitions.AsNoTracking().SingleAsync(s => s.Key == key)).ArchivedBy);
    }

    [Fact]
    public async Task Ops_may_not_archive_and_an_unknown_item_is_not_found()
    {
        string key = NewKey("arch");
        await using (var db = fixture.Database.CreateContext()) await TestPipelines.AddTransformStepAsync(db, key);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service().SetAsync(ArchiveKind.Step, key, true, TestUsers.Ops(), None));
        Assert.Equal(SaveOutcome.NotFound, (await Service().SetAsync(ArchiveKind.Prompt, Guid.NewGuid().ToString(), true, TestUsers.Admin(), None)).Outcome);
        Assert.False((await Service().GetAsync(ArchiveKind.Step, key, None))!.Archived);
    }

    [Fact]
    public async Task A_pipeline_with_an_enabled_run_schedule_is_refused_until_the_schedule_is_disabled()
    {
        string key = NewKey("arch-p");
        await using (var db = fixture.Database.CreateContext())
        {
            await TestPipelines.AddPipelineAsync(db, key, null);
            var pipeline = await db.PipelineDefinitions.SingleAsync(p => p.Key == key);
            pipeline.CronSchedule = "0 0 6 ? * MON";
            await db.SaveChangesAsync();
        }

        var refused = await Service().SetAsync(ArchiveKind.Pipeline, key, true, TestUsers.Admin(), None);
        Assert.Equal(SaveOutcome.Conflict, refused.Outcome);
        Assert.Contains("enabled run schedule (0 0 6 ? * MON)", refused.Message, StringComparison.Ordinal);
        Assert.False((await Service().GetAsync(ArchiveKind.Pipeline, key, None))!.Archived);

        await using (var db = fixture.Database.CreateContext())
        {
            (await db.PipelineDefinitions.SingleAsync(p => p.Key == key)).SchedulePaused = true;
            await db.SaveChangesAsync();
        }
        var archived = await Service().SetAsync(ArchiveKind.Pipeline, key, true, TestUsers.Admin(), None);
        Assert.True(archived.Saved, archived.Message);
    }

    [Fact]
    public async Task An_archived_prompt_template_leaves_the_step_editor_picker_except_for_the_version_that_pins_it()
    {
        var template = new PromptTemplate { Key = NewKey("p"), Name = "p" };
        var version = new PromptTemplateVersion { PromptTemplateId = template.Id, Number = 1, Template = "{{ input.text }}", CreatedAt = DateTimeOffset.UtcNow };
        await using (var db = fixture.Database.CreateContext())
        {
            db.AddRange(template, version);
            await db.SaveChangesAsync();
        }
        var steps = new StepAuthoringService(new AuditedContextFactory(fixture.Database), TimeProvider.System, TestStepKinds.Registry());
        Assert.Contains(StepCatalog.Offered((await steps.CatalogAsync(None)).Prompts, null), o => o.Id == version.Id);

        Assert.True((await Service().SetAsync(ArchiveKind.Prompt, template.Id.ToString(), true, TestUsers.Admin(), None)).Saved);

        var prompts = (await steps.CatalogAsync(None)).Prompts;
        Assert.DoesNotContain(StepCatalog.Offered(prompts, null), o => o.Id == version.Id);
        Assert.Contains(StepCatalog.Offered(prompts, version.Id), o => o.Id == version.Id && o.Detail == "archived");
    }
}
