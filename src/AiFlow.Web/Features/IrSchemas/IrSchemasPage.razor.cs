using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Access;
using AiFlow.Domain.Schemas.Authoring;
using AiFlow.Infrastructure.Schemas;
using AiFlow.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AiFlow.Web.Features.IrSchemas;

/// <summary>
/// The IR schema editor: pick a schema and version, edit the JSON with the meta-schema check inline, try samples
/// against it, preview its form, save a new version and activate one. Admins edit; Ops see the same views read-only.
/// Every write goes through <see cref="IrSchemaService"/>, which checks the role and the schema again on the server.
/// </summary>
public sealed partial class IrSchemasPage
{
    private static readonly string Starter = Display.PrettyJson(new JsonObject
    {
        ["$schema"] = SchemaInferrer.Draft202012,
        ["type"] = "object",
        ["properties"] = new JsonObject(),
        ["required"] = new JsonArray(),
    });

    private ClaimsPrincipal user = new();
    private bool isAdmin;
    private List<IrSchemaRow>? schemas;
    private bool showArchived;
    private List<IrSchemaVersionRow> versions = [];
    private IrSchemaRow? schema;
    private IrSchemaVersionRow? version;
    private bool creating;
    private string newName = "";
    private string seed = "";
    private int editorKey;
    private string loadedText = "";
    private SchemaCheck? check;
    private bool assertFormats;
    private int? expectedLatest;
    private IReadOnlyList<string> refusal = [];
    private string? conflict;
    private bool busy;

    /// <summary>Opens this schema rather than the first one (<c>/ir-schemas?schema={id}</c>).</summary>
    [SupplyParameterFromQuery(Name = "schema")] private Guid? SchemaId { get; set; }

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject] private IrSchemaQueries Queries { get; set; } = default!;

    [Inject] private IrSchemaService Schemas { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private bool Dirty => isAdmin && (creating || (check is not null && check.Text != loadedText) || (version is not null && assertFormats != version.AssertFormats));

    private bool CanSave => !busy && check is { IsValid: true } && (creating ? !string.IsNullOrWhiteSpace(newName) : Dirty);

    private int LatestNumber => versions.Count == 0 ? 0 : versions.Max(v => v.Number);

    private string SaveLabel => creating ? "Create schema" : $"Save as v{LatestNumber + 1}";

    protected override async Task OnInitializedAsync()
    {
        user = (await Authentication).User;
        isAdmin = user.IsInRole(Roles.Admin);
        schemas = await Queries.SchemasAsync(CancellationToken.None);
        var first = schemas.FirstOrDefault(s => s.Id == SchemaId) ?? schemas.FirstOrDefault(s => !s.Archived) ?? schemas.FirstOrDefault();
        if (first is not null) await SelectSchemaAsync(first.Id);
    }

    private async Task OnArchivedAsync()
    {
        schemas = await Queries.SchemasAsync(CancellationToken.None);
        schema = schemas.FirstOrDefault(s => s.Id == schema?.Id);
    }

    private async Task SelectSchemaAsync(Guid id, int? number = null)
    {
        schema = schemas?.FirstOrDefault(s => s.Id == id);
        if (schema is null) return;
        creating = false;
        versions = await Queries.VersionsAsync(schema.Id, CancellationToken.None);
        expectedLatest = LatestNumber;
        var shown = versions.FirstOrDefault(v => v.Number == number) ?? versions.FirstOrDefault(v => v.IsActive) ?? versions.FirstOrDefault();
        if (shown is not null) await ShowVersionAsync(shown);
    }

    private Task OnSchemaChosenAsync(Guid id) => SelectSchemaAsync(id);

    private Task SelectVersionAsync(Guid id) => versions.FirstOrDefault(v => v.Id == id) is { } row ? ShowVersionAsync(row) : Task.CompletedTask;

    private async Task ShowVersionAsync(IrSchemaVersionRow row)
    {
        var json = await Queries.SchemaJsonAsync(row.Id, CancellationToken.None) ?? "{}";
        version = row;
        assertFormats = row.AssertFormats;
        loadedText = JsonNode.Parse(json) is { } parsed ? Display.PrettyJson(parsed) : json;
        Load(loadedText);
    }

    /// <summary>Puts text into a fresh schema editor (the editor itself never gets back what it reported).</summary>
    private void Load(string text)
    {
        seed = text;
        editorKey++;
        conflict = null;
        refusal = [];
    }

    private void OnChecked(SchemaCheck value) => check = value;

    private void OnInferred(string inferred)
    {
        if (!isAdmin) return;
        Load(inferred);
    }

    private void StartNew()
    {
        creating = true;
        newName = "";
        version = null;
        assertFormats = false;
        loadedText = "";
        Load(Starter);
    }

    private async Task CancelNewAsync()
    {
        creating = false;
        if (schema is not null) await SelectSchemaAsync(schema.Id);
    }

    private Task SaveAsync() => SaveCoreAsync(expectedLatest);

    /// <summary>After a conflict, the Admin chose to keep their text as the next version on top of the other one.</summary>
    private Task SaveOnTopAsync() => SaveCoreAsync(LatestNumber);

    private async Task SaveCoreAsync(int? expected)
    {
        if (!isAdmin || check is null || busy) return;
        if (!check.IsValid)
        {
            refusal = ["The schema has problems (listed under the editor)."];
            return;
        }
        busy = true;
        try
        {
            var node = JsonNode.Parse(check.Text);
            var result = creating
                ? await Schemas.CreateAsync(newName, null, node, assertFormats, user, CancellationToken.None)
                : await Schemas.AddVersionAsync(schema!.Id, node, assertFormats, expected, user, CancellationToken.None);
            switch (result.Outcome)
            {
                case IrSchemaWriteOutcome.Saved:
                    Snackbar.Add($"Saved v{result.Number}.", Severity.Success);
                    schemas = await Queries.SchemasAsync(CancellationToken.None);
                    await SelectSchemaAsync(result.SchemaId!.Value, result.Number);
                    break;
                case IrSchemaWriteOutcome.Conflict:
                    conflict = result.Errors[0];
                    versions = await Queries.VersionsAsync(schema!.Id, CancellationToken.None);
                    break;
                default:
                    refusal = result.Errors;
                    break;
            }
        }
        catch (UnauthorizedAccessException ex)
        {
            refusal = [ex.Message];
        }
        finally
        {
            busy = false;
        }
    }

    private async Task ShowLatestAsync()
    {
        if (schema is not null) await SelectSchemaAsync(schema.Id, LatestNumber);
    }

    private async Task ActivateAsync()
    {
        if (!isAdmin || version is null || schema is null || busy) return;
        busy = true;
        try
        {
            var result = await Schemas.ActivateAsync(version.Id, user, CancellationToken.None);
            if (result.Succeeded) Snackbar.Add($"v{version.Number} is active.", Severity.Success);
            else refusal = result.Errors;
            // The editor keeps whatever is being typed: activation changes which stored version is live, not the text.
            var schemaId = schema.Id;
            schemas = await Queries.SchemasAsync(CancellationToken.None);
            schema = schemas.FirstOrDefault(s => s.Id == schemaId);
            versions = await Queries.VersionsAsync(schemaId, CancellationToken.None);
            version = versions.FirstOrDefault(v => v.Id == version.Id) ?? version;
        }
        catch (UnauthorizedAccessException ex)
        {
            refusal = [ex.Message];
        }
        finally
        {
            busy = false;
        }
    }
}
