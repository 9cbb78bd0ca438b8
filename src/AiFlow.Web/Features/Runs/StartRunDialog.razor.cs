using System.Text.Json;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Runs;
using AiFlow.Web.Features.Runs.List;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AiFlow.Web.Features.Runs;

/// <summary>Starts a run from the console: pick a pipeline (and optionally a version), give JSON input; closes with the new run's id.</summary>
public partial class StartRunDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private RunListQueries Queries { get; set; } = default!;
    [Inject] private RunLauncher Launcher { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Auth { get; set; } = default!;

    private List<PipelineOption> pipelines = [];
    private string? pipelineKey;
    private int? version;
    private string input = "{\n}";
    private string? skeleton;
    private string? error;
    private IReadOnlyList<IrValidationError> errors = [];
    private bool busy;
    private PipelineInputCheck? check;

    private IEnumerable<VersionOption> Versions => pipelines.FirstOrDefault(p => p.Key == pipelineKey)?.Versions.Where(v => !v.IsDraft) ?? [];

    protected override async Task OnInitializedAsync() => pipelines = await Queries.PipelinesAsync(CancellationToken.None);

    private async Task StartAsync()
    {
        errors = [];
        error = Check();
        if (error is not null) return;
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        if (!RunAccess.CanOperate(user))
        {
            error = "Only Ops and Admin may start runs.";
            return;
        }
        busy = true;
        try
        {
            var result = await Launcher.LaunchAsync(pipelineKey!, input, RunTrigger.Console, user.Identity?.Name, version, CancellationToken.None);
            if (result.RunId is { } id)
            {
                Dialog.Close(DialogResult.Ok(id));
                return;
            }
            error = result.Message;
            errors = result.Errors;
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>Shows the picked pipeline's expected input, unless the user has typed some of their own.</summary>
    private void OnPipelinePicked()
    {
        if (input.Trim() is not ("{}" or "{\n}" or "") && input != skeleton) return;
        skeleton = InputSkeleton.From(pipelines.FirstOrDefault(p => p.Key == pipelineKey)?.InputSchemaJson);
        input = skeleton;
    }

    private string? Check() => string.IsNullOrEmpty(pipelineKey) ? "Pick a pipeline." : InputProblem;

    private string? InputProblem
    {
        get
        {
            try
            {
                using var _ = JsonDocument.Parse(input);
            }
            catch (JsonException ex)
            {
                return $"The input is not valid JSON: {ex.Message}";
            }
            // The check Start makes on the server (RunLauncher), made as the user types: it said "Valid JSON" over an
            // input the pipeline's schema refuses, and the reason came only after Start.
            return InputCheck()?.Errors(input) is { Count: > 0 } problems ? PipelineInputCheck.Describe(problems) : null;
        }
    }

    /// <summary>The picked pipeline's input check, compiled once per schema rather than on every keystroke.</summary>
    private PipelineInputCheck? InputCheck()
    {
        var json = pipelines.FirstOrDefault(p => p.Key == pipelineKey)?.InputSchemaJson;
        if (check?.SchemaJson != json) check = PipelineInputCheck.For(json);
        return check;
    }
}
