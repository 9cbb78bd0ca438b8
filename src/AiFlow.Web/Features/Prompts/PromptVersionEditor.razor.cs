using System.Globalization;
using System.Security.Claims;
using AiFlow.Domain.Prompts;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Prompts;
using AiFlow.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace AiFlow.Web.Features.Prompts;

/// <summary>
/// Shows a saved version (read-only) or edits the next one, starting from <see cref="Start"/>. The draft lives here until
/// it is saved; a refusal or a conflict leaves it as typed.
/// </summary>
public sealed partial class PromptVersionEditor
{
    private const string BaseTemplate = "";
    private string systemPrompt = "";
    private string template = "";
    private List<VariantRow> variants = [];
    private IReadOnlyList<string> paths = [];
    private IReadOnlyList<string> checks = [];
    private IReadOnlyList<string> saveErrors = [];
    private string? conflict;
    private string previewVariant = BaseTemplate;
    private int basedOn;
    private (Guid, Guid?, bool)? shown;
    private bool dirty;
    private bool busy;
    private readonly NumberRangeGuard guard = new();

    [Inject] private PromptTemplateService Prompts { get; set; } = default!;

    [Parameter, EditorRequired] public Guid TemplateId { get; set; }

    /// <summary>The version shown, or the one a new version starts from; null for a template without versions.</summary>
    [Parameter] public PromptVersionView? Start { get; set; }

    /// <summary>The newest version's number: a new version is based on it.</summary>
    [Parameter] public int LatestNumber { get; set; }

    [Parameter] public bool ReadOnly { get; set; }

    [Parameter, EditorRequired] public ClaimsPrincipal User { get; set; } = default!;

    /// <summary>Raised with the saved version.</summary>
    [Parameter] public EventCallback<PromptVersionView> Saved { get; set; }

    private int NextNumber => basedOn + 1;

    private string Title => ReadOnly
        ? $"v{Start?.Number} · read-only"
        : Start is null ? "First version" : $"New version, starting from v{Start.Number}";

    private string PreviewTemplate => previewVariant == BaseTemplate ? template : variants.FirstOrDefault(v => v.Name == previewVariant)?.Template ?? template;

    protected override void OnParametersSet()
    {
        // A different version to show or start from replaces the draft; a re-render with the same one keeps what was typed.
        if (shown == (TemplateId, Start?.Id, ReadOnly)) return;
        shown = (TemplateId, Start?.Id, ReadOnly);
        systemPrompt = Start?.SystemPrompt ?? "";
        template = Start?.Template ?? "";
        variants = Start?.Variants.Select(v => new VariantRow { Name = v.Name, Weight = v.Weight, Template = v.Template }).ToList() ?? [];
        basedOn = LatestNumber;
        previewVariant = BaseTemplate;
        saveErrors = [];
        conflict = null;
        dirty = false;
        Recheck();
    }

    private void Changed(Action change)
    {
        change();
        dirty = true;
        Recheck();
    }

    private void AddVariant() => Changed(() => variants.Add(new VariantRow { Name = ((char)('A' + variants.Count)).ToString(), Template = template }));

    private string Share(VariantRow variant)
    {
        var total = variants.Where(v => v.Weight > 0).Sum(v => v.Weight);
        return total <= 0 || variant.Weight <= 0 ? "" : (variant.Weight / total).ToString("P0", CultureInfo.InvariantCulture) + " of runs";
    }

    private PromptVersionDraft Draft() =>
        new(systemPrompt, template, variants.Select(v => new PromptVariant(v.Name, v.Template, v.Weight)).ToList(), basedOn);

    private void Recheck()
    {
        paths = new[] { systemPrompt, template }.Concat(variants.Select(v => v.Template))
            .SelectMany(t => PromptTemplateService.Inspect(t).Paths).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        checks = ReadOnly ? [] : PromptTemplateService.Check(Draft());
    }

    private async Task SaveAsync()
    {
        // A variant weight typed outside its range is not in the draft: saving now would store the old weight.
        saveErrors = guard.Refusals;
        if (saveErrors.Count > 0) return;
        busy = true;
        try
        {
            var result = await Prompts.CreateVersionAsync(TemplateId, Draft(), User, CancellationToken.None);
            saveErrors = result.Outcome == SaveOutcome.Invalid ? result.Messages : [];
            conflict = result.Outcome is SaveOutcome.Conflict or SaveOutcome.NotFound ? result.Message : null;
            if (result.Saved)
            {
                dirty = false;
                await Saved.InvokeAsync(result.Value!);
            }
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>After a conflict: keep the text, base it on the newest version, so the next save appends after theirs.</summary>
    private async Task RebaseAsync()
    {
        var latest = (await Prompts.GetAsync(TemplateId, CancellationToken.None))?.Latest;
        basedOn = latest?.Number ?? 0;
        conflict = null;
        Recheck();
    }
}
