using AiFlow.Domain.Common;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Pipelines.Bundles;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Web.Pipelines.Bundles;

/// <summary>Two consoles, each its own migrated database on the test cluster: a version exported from one is imported into the other.</summary>
public sealed class PipelineBundleAcrossConsolesTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly BundleSamples samples = new();
    private TestDatabase source = null!;
    private TestDatabase target = null!;

    public async Task InitializeAsync()
    {
        source = await TestDatabase.CreateAsync();
        target = await TestDatabase.CreateAsync();
        await using var db = source.CreateContext();
        samples.AddTo(db);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await source.DisposeAsync();
        await target.DisposeAsync();
    }

    private static PipelineBundleService Service(TestDatabase database) =>
        new(new AuditedContextFactory(database), TimeProvider.System, TestStepKinds.Registry());

    /// <summary>The target console has a route of the same name: routes hold endpoints and secrets and are never carried.</summary>
    private async Task AddRouteToTargetAsync()
    {
        await using var db = target.CreateContext();
        db.ModelRoutes.Add(new ModelRoute { Name = BundleSamples.RouteName, TaskType = "extract" });
        await db.SaveChangesAsync();
    }

    private async Task<string> ExportFromSourceAsync()
    {
        var export = await Service(source).ExportAsync(samples.PipelineKey, 1, None);
        Assert.Null(export.Refusal);
        return export.Json!;
    }

    private async Task<BundleImportResult> ImportIntoTargetAsync(string json)
    {
        using var _ = AuditScope.Begin("alice@aiflow.local");
        var bundle = BundleFile.Read(json, out var issue);
        Assert.Null(issue);
        return await Service(target).ImportAsync(bundle!, samples.PipelineKey, AuthoringTestCatalog.Admin(), None);
    }

    private async Task<int> TargetRowsAsync()
    {
        await using var db = target.CreateContext();
        return await db.PipelineVersions.CountAsync() + await db.StepVersions.CountAsync() + await db.PromptTemplateVersions.CountAsync()
            + await db.IrSchemaVersions.CountAsync() + await db.MetricProfiles.CountAsync() + await db.PipelineDefinitions.CountAsync();
    }

    [Fact]
    public async Task A_version_exported_from_one_database_is_imported_into_another_with_the_same_content_published_and_not_active()
    {
        await AddRouteToTargetAsync();
        var json = await ExportFromSourceAsync();
        Assert.DoesNotContain(samples.Extract.Versions[0].Id.ToString(), json, StringComparison.Ordinal);

        var imported = await ImportIntoTargetAsync(json);

        Assert.Equal(BundleImportOutcome.Imported, imported.Outcome);
        Assert.Contains($"step {samples.Extract.Key} v1", imported.Created!);
        // What the target now holds exports to the very same items, hash for hash.
        var again = await Service(target).ExportAsync(samples.PipelineKey, 1, None);
        var there = BundleFile.Read(again.Json!, out _)!;
        var here = BundleFile.Read(json, out _)!;
        Assert.Equal(here.Pipeline!.Hash, there.Pipeline!.Hash);
        Assert.Equal(here.Version!.Hash, there.Version!.Hash);
        Assert.Equal(here.Steps!.Select(s => s.Hash), there.Steps!.Select(s => s.Hash));
        Assert.Equal(here.Prompts!.Select(s => s.Hash), there.Prompts!.Select(s => s.Hash));
        Assert.Equal(here.IrSchemas!.Select(s => s.Hash), there.IrSchemas!.Select(s => s.Hash));
        Assert.Equal(here.MetricProfiles!.Select(s => s.Hash), there.MetricProfiles!.Select(s => s.Hash));

        await using var db = target.CreateContext();
        var version = await db.PipelineVersions.Include(v => v.PipelineDefinition).SingleAsync(v => v.PipelineDefinition!.Key == samples.PipelineKey);
        Assert.Equal(VersionStatus.Published, version.Status);
        Assert.False(version.IsActive);
        Assert.Equal(2, version.Dag.Nodes.Count);
        var extractId = version.Dag.Nodes.Single(n => n.Key == "extract").StepVersionId;
        var extract = await db.StepVersions.SingleAsync(v => v.Id == extractId);
        var prompt = await db.PromptTemplateVersions.SingleAsync(p => p.Id == extract.PromptTemplateVersionId);
        Assert.Equal(samples.Template.Versions[0].Template, prompt.Template);
        var schema = await db.IrSchemaVersions.SingleAsync(s => s.Id == extract.IrSchemaVersionId);
        Assert.False(schema.IsActive);
        Assert.Contains("\"priority\"", schema.SchemaJson, StringComparison.Ordinal);
        Assert.Equal(await db.ModelRoutes.Where(r => r.Name == BundleSamples.RouteName).Select(r => r.Id).SingleAsync(), extract.ModelRouteId);
        Assert.Equal(CallImportance.High, extract.Importance);
        Assert.True(extract.CostSensitive);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(PipelineVersion) && a.EntityId == version.Id.ToString()
            && a.Action == AuditAction.Created && a.UserName == "alice@aiflow.local"));
    }

    [Fact]
    public async Task Importing_the_same_bundle_again_changes_nothing()
    {
        await AddRouteToTargetAsync();
        var json = await ExportFromSourceAsync();
        Assert.Equal(BundleImportOutcome.Imported, (await ImportIntoTargetAsync(json)).Outcome);
        var rows = await TargetRowsAsync();

        var again = await ImportIntoTargetAsync(json);

        Assert.Equal(BundleImportOutcome.Unchanged, again.Outcome);
        Assert.Empty(again.Created!);
        Assert.Equal(7, again.Reused!.Count);
        Assert.Equal(rows, await TargetRowsAsync());
    }

    [Fact]
    public async Task A_bundle_whose_prompt_differs_from_the_one_the_console_has_is_refused_and_nothing_is_saved()
    {
        await AddRouteToTargetAsync();
        var json = await ExportFromSourceAsync();
        Assert.Equal(BundleImportOutcome.Imported, (await ImportIntoTargetAsync(json)).Outcome);
        var rows = await TargetRowsAsync();

        // The source edits prompt v1 in place (as no console should) and exports it as pipeline v2: a consistent bundle, hashes recomputed.
        var bundle = BundleFile.Read(json, out _)!;
        var prompt = bundle.Prompts![0] with { Template = "Something else entirely" };
        var version = bundle.Version! with { Number = 2 };
        var conflicting = bundle with { Prompts = [prompt with { Hash = BundleHash.Of(prompt) }], Version = version with { Hash = BundleHash.Of(version) } };

        var refused = await ImportIntoTargetAsync(BundleFile.Write(conflicting));

        Assert.Equal(BundleImportOutcome.Conflict, refused.Outcome);
        var issue = Assert.Single(refused.Issues);
        Assert.Equal("/prompts/0", issue.Pointer);
        Assert.Contains("prompt t_extract_prompt v1", issue.Message, StringComparison.Ordinal);
        Assert.Equal(rows, await TargetRowsAsync());
    }

    [Fact]
    public async Task A_console_without_the_model_route_refuses_the_bundle_naming_the_route_and_saves_nothing()
    {
        var json = await ExportFromSourceAsync();

        var refused = await ImportIntoTargetAsync(json);

        Assert.Equal(BundleImportOutcome.Invalid, refused.Outcome);
        Assert.EndsWith("/modelRoute", Assert.Single(refused.Issues).Pointer, StringComparison.Ordinal);
        Assert.Equal(0, await TargetRowsAsync());
    }

    [Fact]
    public async Task A_tampered_or_cyclic_bundle_is_refused_with_pointers_and_saves_nothing()
    {
        await AddRouteToTargetAsync();
        var bundle = BundleFile.Read(await ExportFromSourceAsync(), out _)!;
        var nodes = bundle.Version!.Nodes!;
        var cyclic = bundle with { Version = bundle.Version with { Nodes = [nodes[0] with { DependsOn = ["classify"] }, nodes[1]] } };

        var refused = await ImportIntoTargetAsync(BundleFile.Write(cyclic));

        Assert.Equal(BundleImportOutcome.Invalid, refused.Outcome);
        Assert.Contains(refused.Issues, i => i.Pointer == "/version/hash");
        Assert.Contains(refused.Issues, i => i.Pointer.StartsWith("/version/nodes", StringComparison.Ordinal) && i.Message.Contains("cycle", StringComparison.Ordinal));
        Assert.Equal(0, await TargetRowsAsync());
    }

    [Fact]
    public async Task A_draft_version_does_not_export()
    {
        await using (var db = source.CreateContext())
        {
            db.PipelineVersions.Add(new PipelineVersion { PipelineDefinitionId = samples.Pipeline.Id, Number = 2, Status = VersionStatus.Draft, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var export = await Service(source).ExportAsync(samples.PipelineKey, 2, None);

        Assert.Null(export.Json);
        Assert.Contains("publish it first", export.Refusal, StringComparison.Ordinal);
    }
}
