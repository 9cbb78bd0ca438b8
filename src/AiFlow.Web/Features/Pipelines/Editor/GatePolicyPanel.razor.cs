using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Evaluation;
using AiFlow.Infrastructure.Metrics;
using AiFlow.Web.Components.Shared;
using AiFlow.Web.Features.Metrics;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>
/// A pipeline's quality gate in the editor: its rules, minimum cases and dataset tag (Admins edit, Ops read), the gate's
/// answer for the version on screen, and the evaluation schedule. A save carries the policy version it read, so a save
/// over someone else's is refused with who changed it; a refused save shows each problem at its row and field and
/// changes nothing.
/// </summary>
public sealed partial class GatePolicyPanel
{
    /// <summary>The fields the form shows problems beside; a problem anywhere else is shown under the form.</summary>
    private static readonly string[] ShownFields = ["/rules", "/minCases", "/tag", "/judgeMinAgreement", "/judgeMinItems"];

    private GatePolicyForm? form;
    private IReadOnlyList<string> metricKeys = [];
    private string? updatedBy;
    private DateTimeOffset? updatedAt;
    private FieldProblems problems = FieldProblems.None;
    private string? stale;
    private GateReport? report;
    private int checkedVersion;
    private bool busy;
    private readonly NumberRangeGuard guard = new();

    [Parameter, EditorRequired] public string PipelineKey { get; set; } = "";

    /// <summary>The number of the pipeline version on screen, which "Check this version" asks the gate about.</summary>
    [Parameter, EditorRequired] public int Version { get; set; }

    [Parameter, EditorRequired] public ClaimsPrincipal User { get; set; } = new();

    [Parameter] public EventCallback Closed { get; set; }

    [Inject] private GateService Gate { get; set; } = default!;

    [Inject] private MetricCatalogService Metrics { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private bool CanEdit => User.IsInRole(Roles.Admin);

    private string State => form?.ReadVersion is null or 0
        ? "No gate policy yet: any published version may be activated."
        : $"Last changed by {updatedBy ?? "someone"} on {Display.When(updatedAt)}.";

    protected override async Task OnInitializedAsync()
    {
        metricKeys = [.. (await Metrics.ListDefinitionsAsync(CancellationToken.None)).Select(d => d.Key).Order(StringComparer.Ordinal)];
        await LoadAsync();
    }

    /// <summary>The defined metrics, and a rule's own metric even when it is no longer defined, so the picker can show it.</summary>
    private IEnumerable<string> MetricChoices(string? current) =>
        current is null || metricKeys.Contains(current) ? metricKeys : metricKeys.Prepend(current);

    private async Task LoadAsync()
    {
        var policy = await Gate.GetPolicyAsync(PipelineKey, CancellationToken.None);
        form = GatePolicyForm.From(policy);
        (updatedBy, updatedAt) = (policy?.UpdatedBy, policy?.UpdatedAt);
        (problems, stale) = (FieldProblems.None, null);
    }

    // Problems point at rows by index: once rows move they would point at the wrong one.
    private void AddRule()
    {
        form!.Rules.Add(new GateRuleRow());
        problems = FieldProblems.None;
    }

    private void RemoveRule(int index)
    {
        form!.Rules.RemoveAt(index);
        problems = FieldProblems.None;
    }

    private async Task SaveAsync()
    {
        if (!CanEdit || form is null) return;
        // A number typed outside its range is not in the form: saving now would store the old value as if it were the new one.
        if (guard.Refusals.Count > 0)
        {
            Snackbar.Add("Nothing was saved: " + string.Join(" ", guard.Refusals), Severity.Error);
            return;
        }
        busy = true;
        try
        {
            var result = await Gate.SavePolicyAsync(PipelineKey, form.ToRules(), form.MinCases, form.Tag, form.EndToEnd, form.ReadVersion, User.Identity?.Name, CancellationToken.None,
                form.ToJudgeBar());
            (problems, stale) = (FieldProblems.None, null);
            if (result.Stale) stale = result.Problems[0];
            else if (result.Saved is null) problems = GatePolicyForm.ProblemsOf(result.Problems);
            else
            {
                await LoadAsync();
                Snackbar.Add("The gate policy was saved.", Severity.Success);
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task CheckAsync()
    {
        busy = true;
        try
        {
            report = await Gate.CheckVersionAsync(PipelineKey, Version, CancellationToken.None);
            checkedVersion = Version;
        }
        finally
        {
            busy = false;
        }
    }
}
