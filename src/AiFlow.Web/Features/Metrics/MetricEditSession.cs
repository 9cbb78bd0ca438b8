using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Metrics;

namespace AiFlow.Web.Features.Metrics;

/// <summary>
/// One open editor of the catalogue: what is edited (null for a new one), its form, and the last save's problems or
/// conflict. A refused save keeps the form as typed.
/// </summary>
public sealed class MetricEditSession<TView, TForm>(Func<TView, TForm> formOf, Func<TForm> blank)
    where TView : class
    where TForm : class
{
    public TForm? Form { get; private set; }

    /// <summary>The stored item being edited, with the version the save carries; null for a new one.</summary>
    public TView? Editing { get; private set; }

    public FieldProblems Problems { get; private set; } = FieldProblems.None;

    public string? Conflict { get; private set; }

    public bool Busy { get; private set; }

    public void StartNew() => Open(null, blank());

    public void StartEdit(TView item) => Open(item, formOf(item));

    public void Close() => Form = null;

    /// <summary>Saves the form through <paramref name="save"/>; true (and the editor closed) when it was saved.</summary>
    public async Task<bool> SaveAsync(Func<TForm, TView?, Task<MetricCatalogResult<TView>>> save)
    {
        ArgumentNullException.ThrowIfNull(save);
        if (Form is null) return false;
        Busy = true;
        try
        {
            var result = await save(Form, Editing);
            Problems = result.Outcome == SaveOutcome.Invalid ? new FieldProblems(result.Problems) : FieldProblems.None;
            Conflict = result.Outcome is SaveOutcome.Conflict or SaveOutcome.NotFound ? result.Message : null;
            if (result.Saved) Close();
            return result.Saved;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>After a conflict: shows the stored item instead of the edits, which the Admin then makes again.</summary>
    public async Task ReloadAsync(Func<TView, Task<TView?>> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        if (Editing is null) return;
        if (await get(Editing) is { } current) StartEdit(current);
        else Close();
    }

    private void Open(TView? item, TForm form)
    {
        Editing = item;
        Form = form;
        Problems = FieldProblems.None;
        Conflict = null;
    }
}
