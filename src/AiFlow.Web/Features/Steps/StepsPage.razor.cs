using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Persistence;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace AiFlow.Web.Features.Steps;

public partial class StepsPage
{
    [Inject] private IDbContextFactory<AiFlowDbContext> Contexts { get; set; } = default!;

    private sealed record VersionRow(Guid StepId, int Number, VersionStatus Status, ValidationMode ValidationMode, string? SchemaName, int? SchemaNumber, string? MetricProfile);
    private sealed record Row(string Key, string Name, StepKind Kind, List<VersionRow> Versions);

    private List<Row>? rows;

    protected override async Task OnInitializedAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var definitions = await db.StepDefinitions.AsNoTracking().OrderBy(d => d.Key)
            .Select(d => new { d.Id, d.Key, d.Name, d.Kind })
            .ToListAsync();
        var versions = await db.StepVersions.AsNoTracking().OrderBy(v => v.Number)
            .Select(v => new VersionRow(
                v.StepDefinitionId, v.Number, v.Status, v.ValidationMode,
                db.IrSchemaVersions.Where(s => s.Id == v.IrSchemaVersionId).Select(s => s.IrSchema!.Name).FirstOrDefault(),
                db.IrSchemaVersions.Where(s => s.Id == v.IrSchemaVersionId).Select(s => (int?)s.Number).FirstOrDefault(),
                db.MetricProfiles.Where(m => m.Id == v.MetricProfileId).Select(m => m.Name).FirstOrDefault()))
            .ToListAsync();
        var byStep = versions.ToLookup(v => v.StepId);
        rows = definitions.Select(d => new Row(d.Key, d.Name, d.Kind, [.. byStep[d.Id]])).ToList();
    }

    private static Color StatusColor(VersionStatus status) => status switch
    {
        VersionStatus.Published => Color.Success,
        VersionStatus.Draft => Color.Warning,
        _ => Color.Default,
    };
}
