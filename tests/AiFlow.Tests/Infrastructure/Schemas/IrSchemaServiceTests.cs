using System.Security.Claims;
using System.Text.Json.Nodes;
using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Schemas;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Schemas;

public class IrSchemaServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly ClaimsPrincipal Alice = Person("alice@aiflow.local", Roles.Admin);
    private static readonly ClaimsPrincipal Bob = Person("bob@aiflow.local", Roles.Admin);

    private IrSchemaService Service => new(new TestContextFactory(fixture.Database), TimeProvider.System);

    private static ClaimsPrincipal Person(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));

    private static JsonNode Schema(string json) => JsonNode.Parse(json)!;

    [Fact]
    public async Task Two_admins_saving_from_the_same_version_the_second_gets_a_conflict_naming_the_first_and_nothing_is_saved()
    {
        var created = await Service.CreateAsync("conflict-" + Guid.NewGuid().ToString("N")[..6], null, Schema("""{"type":"object"}"""), false, Alice, CancellationToken.None);

        var alices = await Service.AddVersionAsync(created.SchemaId!.Value, Schema("""{"type":"object","required":["a"]}"""), false, expectedLatest: 1, Alice, CancellationToken.None);
        var bobs = await Service.AddVersionAsync(created.SchemaId.Value, Schema("""{"type":"object","required":["b"]}"""), false, expectedLatest: 1, Bob, CancellationToken.None);

        Assert.Equal(IrSchemaWriteOutcome.Saved, alices.Outcome);
        Assert.Equal(IrSchemaWriteOutcome.Conflict, bobs.Outcome);
        Assert.Contains("alice@aiflow.local saved v2", bobs.Errors[0], StringComparison.Ordinal);
        await using var db = fixture.Database.CreateContext();
        var stored = await db.IrSchemaVersions.Where(v => v.IrSchemaId == created.SchemaId).OrderBy(v => v.Number).Select(v => v.SchemaJson).ToListAsync();
        Assert.Equal(2, stored.Count);
        Assert.Contains("\"a\"", stored[1], StringComparison.Ordinal);

        var onTop = await Service.AddVersionAsync(created.SchemaId.Value, Schema("""{"type":"object","required":["b"]}"""), false, expectedLatest: 2, Bob, CancellationToken.None);
        Assert.Equal((IrSchemaWriteOutcome.Saved, 3), (onTop.Outcome, onTop.Number));
    }

    [Fact]
    public async Task Only_an_admin_may_create_add_or_activate_versions()
    {
        var ops = Person("ops@aiflow.local", Roles.Ops);
        var created = await Service.CreateAsync("roles-" + Guid.NewGuid().ToString("N")[..6], null, Schema("true"), false, Alice, CancellationToken.None);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service.CreateAsync("ops-made", null, Schema("true"), false, ops, CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service.AddVersionAsync(created.SchemaId!.Value, Schema("true"), false, null, ops, CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service.ActivateAsync(created.VersionId!.Value, ops, CancellationToken.None));
    }

    [Fact]
    public async Task An_invalid_schema_is_refused_with_its_pointer_and_no_version_is_added()
    {
        var created = await Service.CreateAsync("refused-" + Guid.NewGuid().ToString("N")[..6], null, Schema("""{"type":"object"}"""), false, Alice, CancellationToken.None);

        var result = await Service.AddVersionAsync(created.SchemaId!.Value, Schema("""{"type":"objekt"}"""), false, 1, Alice, CancellationToken.None);

        Assert.Equal(IrSchemaWriteOutcome.Refused, result.Outcome);
        Assert.StartsWith("/type: ", result.Errors[0], StringComparison.Ordinal);
        await using var db = fixture.Database.CreateContext();
        Assert.Equal(1, await db.IrSchemaVersions.CountAsync(v => v.IrSchemaId == created.SchemaId));
    }

    [Fact]
    public async Task Activating_a_version_deactivates_the_previous_one()
    {
        var created = await Service.CreateAsync("activate-" + Guid.NewGuid().ToString("N")[..6], null, Schema("true"), false, Alice, CancellationToken.None);
        var v2 = await Service.AddVersionAsync(created.SchemaId!.Value, Schema("false"), false, 1, Alice, CancellationToken.None);

        var result = await Service.ActivateAsync(v2.VersionId!.Value, Alice, CancellationToken.None);

        Assert.True(result.Succeeded);
        await using var db = fixture.Database.CreateContext();
        Assert.Equal([2], await db.IrSchemaVersions.Where(v => v.IrSchemaId == created.SchemaId && v.IsActive).Select(v => v.Number).ToListAsync());
    }

    [Fact]
    public void The_schema_check_puts_meta_schema_and_compile_problems_at_their_pointers()
    {
        var meta = IrValidationService.CheckSchema("""{"properties":{"n":{"type":"integer","minimum":"zero"}}}""");
        var regex = IrValidationService.CheckSchema("""{"properties":{"code":{"type":"string","pattern":"[a-"}}}""");
        var broken = IrValidationService.CheckSchema("""{"type": """);

        Assert.Contains(meta, e => e.InstanceLocation == "/properties/n/minimum");
        Assert.Equal("/properties/code/pattern", Assert.Single(regex).InstanceLocation);
        Assert.StartsWith("The schema is not JSON (line 1", Assert.Single(broken).Message, StringComparison.Ordinal);
    }
}
