using AiFlow.Domain.Runs;
using Microsoft.AspNetCore.Components;

namespace AiFlow.Web.Features.Runs.View;

/// <summary>Everything about one step attempt: input, prompt, raw response, IR with its errors at their pointers, metrics, cost.</summary>
public partial class StepInspector
{
    private const string Pre = "white-space:pre-wrap;word-break:break-word;max-height:320px;overflow:auto;background:#fafafa;padding:8px;font-size:12px;margin:0";

    [Parameter, EditorRequired] public StepInspection Step { get; set; } = default!;

    /// <summary>All attempts of the same node, to switch between them.</summary>
    [Parameter] public IReadOnlyList<StepSummary> Attempts { get; set; } = [];

    [Parameter] public bool CanRetry { get; set; }

    [Parameter] public EventCallback<Guid> OnSelectAttempt { get; set; }

    [Parameter] public EventCallback OnRetry { get; set; }

    /// <summary>Admins may read a redacted field's kept original; the page checks the role again when asked.</summary>
    [Parameter] public bool CanReveal { get; set; }

    /// <summary>Asks for a redaction record's original; returns it, or null when it cannot be shown.</summary>
    [Parameter] public Func<Guid, Task<string?>>? OnReveal { get; set; }

    /// <summary>Reviewers and Admins may judge retrieved chunks; the page checks the role again when asked.</summary>
    [Parameter] public bool CanLabel { get; set; }

    /// <summary>Judges a retrieved chunk of this attempt: its id and whether it is relevant to the query.</summary>
    [Parameter] public EventCallback<(string ChunkId, bool Relevant)> OnLabel { get; set; }

    private readonly Dictionary<Guid, string> revealed = [];
    private bool labelling;
    private readonly HashSet<string> openCitations = new(StringComparer.Ordinal);

    /// <summary>Opens a citation to show the chunk's text in place, or closes it.</summary>
    private void ToggleCitation(string id)
    {
        if (!openCitations.Remove(id)) openCitations.Add(id);
    }

    private async Task LabelAsync(string chunkId, bool relevant)
    {
        labelling = true;
        try
        {
            await OnLabel.InvokeAsync((chunkId, relevant));
        }
        finally
        {
            labelling = false;
        }
    }

    private static string Score(double? value) => value?.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) ?? "—";

    private static string Excerpt(string text) => text.Length <= 160 ? text : text[..159] + "…";

    private async Task RevealAsync(Guid recordId)
    {
        if (OnReveal is null) return;
        if (await OnReveal(recordId) is { } original) revealed[recordId] = original;
    }

    /// <summary>True when the attempt's prompt records media it sent (ADR 0034); only then is the media view built.</summary>
    private bool SentMedia => AiFlow.Infrastructure.Runs.Execution.Kinds.MediaSentNote.Ids(Step.RenderedPrompt).Count > 0;

    private string IrTitle => Step.IrValid switch
    {
        true => "IR (valid)",
        false => $"IR ({Step.IrErrors.Count} validation error{(Step.IrErrors.Count == 1 ? "" : "s")})",
        _ => "IR",
    };
}
