using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Lifecycle;
using AiFlow.Infrastructure.Steps;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Steps;

/// <summary>ADR 0032: an IR schema's active version is what a new step version pins when nobody chose one.</summary>
public sealed class StepSchemaDefaultTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private StepAuthoringService Steps() => new(new AuditedContextFactory(fixture.Database), TimeProvider.System, TestStepKinds.Registry());

    /// <summary>A published human-review step pinning v1 of its schema, and a v2 of that schema (active when <paramref name="activateV2"/>).</summary>
    private async Task<(string Key, Guid V1, Guid V2, Guid SchemaId)> StepOnSchemaAsync(bool activateV2)
    {
        var key = "sd-" + Guid.NewGuid().ToString("N")[..8];
        await using var db = fixture.Database.CreateContext();
        var v1 = await TestPipelines.AddSchemaAsync(db, key + "-ir", """{"type":"object"}""");
        var schemaId = (await db.IrSchemaVersions.SingleAsync(v => v.Id == v1)).IrSchemaId;
        var definition = new StepDefinition { Key = key, Name = key, Kind = StepKind.HumanReview };
        db.AddRange(definition, new StepVersion
        {
            StepDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow, IrSchemaVersionId = v1,
        });
        var v2 = new IrSchemaVersion { IrSchemaId = schemaId, Number = 2, SchemaJson = """{"type":"object","required":["text"]}""", CreatedAt = DateTimeOffset.UtcNow };
        db.Add(v2);
        await db.SaveChangesAsync();
        if (activateV2)
        {
            (await db.IrSchemaVersions.SingleAsync(v => v.Id == v1)).IsActive = false;
            await db.SaveChangesAsync();
            (await db.IrSchemaVersions.SingleAsync(v => v.Id == v2.Id)).IsActive = true;
            await db.SaveChangesAsync();
        }
        return (key, v1, v2.Id, schemaId);
    }

    [Fact]
    public async Task A_new_step_version_pins_the_active_version_of_the_schema_its_predecessor_used()
    {
        var (key, _, v2, _) = await StepOnSchemaAsync(activateV2: true);

        var next = await Steps().CreateVersionAsync(key, null, TestUsers.Admin(), None);

        Assert.True(next.Saved, next.Message);
        Assert.Equal(v2, next.Value!.Settings.IrSchemaVersionId);
    }

    [Fact]
    public async Task An_inactive_newer_schema_version_is_not_pinned_and_an_archived_schema_keeps_the_old_pin()
    {
        var (key, v1, _, schemaId) = await StepOnSchemaAsync(activateV2: false);
        Assert.Equal(v1, (await Steps().CreateVersionAsync(key, null, TestUsers.Admin(), None)).Value!.Settings.IrSchemaVersionId);

        var (archivedKey, archivedV1, _, archivedSchema) = await StepOnSchemaAsync(activateV2: true);
        var archive = new ArchiveService(new AuditedContextFactory(fixture.Database), TimeProvider.System);
        Assert.True((await archive.SetAsync(ArchiveKind.IrSchema, archivedSchema.ToString(), true, TestUsers.Admin(), None)).Saved);
        Assert.Equal(archivedV1, (await Steps().CreateVersionAsync(archivedKey, null, TestUsers.Admin(), None)).Value!.Settings.IrSchemaVersionId);
        Assert.NotEqual(Guid.Empty, schemaId);
    }

    [Fact]
    public async Task The_step_editor_lists_each_schema_s_active_version_first_as_its_suggestion()
    {
        var (_, v1, v2, _) = await StepOnSchemaAsync(activateV2: true);

        var schemas = (await Steps().CatalogAsync(None)).Schemas.ToList();

        var active = schemas.FindIndex(o => o.Id == v2);
        Assert.Equal("active", schemas[active].Detail);
        Assert.True(active < schemas.FindIndex(o => o.Id == v1));
    }
}
