using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Domain.Retrieval;
using AiFlow.Infrastructure.Retrieval.Collections;
using AiFlow.Infrastructure.Retrieval.Ingestion;
using AiFlow.Infrastructure.Seeding;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AiFlow.Web.Features.Collections;

/// <summary>
/// One collection: its settings and counts, uploads (Admins), the latest ingestion job's live progress, its documents
/// with their status and reason, the quarantine with Release and Delete (Admins) and a document's log. While a job runs
/// the page reads the collection again every second: the job may run on any worker node of the cluster, and it commits
/// its counters with each document, so the database is where progress is seen.
/// </summary>
public sealed partial class CollectionPage : IDisposable
{
    private const int PageSize = 50;

    [Inject] private CollectionService Collections { get; set; } = default!;
    [Inject] private IngestionService Ingestion { get; set; } = default!;
    [Inject] private IOptionsMonitor<IngestionOptions> Options { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>The collection's key.</summary>
    [Parameter] public string Key { get; set; } = "";

    private readonly CancellationTokenSource life = new();
    private ClaimsPrincipal user = new();
    private bool isAdmin;
    private bool loaded;
    private CollectionDetail? detail;
    private DocumentPage? documents;
    private IReadOnlyList<DocumentRow> quarantined = [];
    private DocumentRow? logFor;
    private IReadOnlyList<IngestionLogLine> log = [];
    private bool following;
    private bool uploading;
    private List<(Severity Severity, string Text)> uploadMessages = [];
    private string licence = "";
    private string allowedUses = "";
    private string tags = "";
    private IReadOnlyList<string> manualPages = [];

    private bool IsLive => detail?.Jobs.Count > 0 && !detail.Jobs[0].Finished;

    protected override async Task OnParametersSetAsync()
    {
        user = (await Authentication).User;
        isAdmin = user.IsInRole(Roles.Admin);
        if (Key == PostgresManual.CollectionKey) manualPages = PostgresManual.DemoPages();
        await ReloadAsync(1);
        loaded = true;
        Follow();
    }

    private async Task ReloadAsync(int page)
    {
        detail = await Collections.GetAsync(Key, life.Token);
        if (detail is null) return;
        documents = await Ingestion.DocumentsAsync(Key, null, page, PageSize, life.Token);
        quarantined = (await Ingestion.DocumentsAsync(Key, DocumentStatus.Quarantined, 1, PageSize, life.Token))?.Items ?? [];
        if (logFor is not null) log = await Ingestion.DocumentLogAsync(logFor.Id, life.Token);
    }

    private void Follow()
    {
        if (following || !IsLive) return;
        following = true;
        _ = FollowAsync();
    }

    /// <summary>Reads the collection every second until its latest job ends, then once more for the final counts and documents.</summary>
    private async Task FollowAsync()
    {
        var token = life.Token;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (IsLive && await timer.WaitForNextTickAsync(token))
            {
                await InvokeAsync(async () =>
                {
                    await ReloadAsync(documents?.Page ?? 1);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
        finally
        {
            following = false;
        }
    }

    /// <summary>The demo's offer: the installed manual's pages, read by the server from the allow-listed folder.</summary>
    private async Task IngestManualAsync()
    {
        uploading = true;
        uploadMessages = [];
        try
        {
            var manifest = new DocumentManifest(PostgresManual.Licence, ["rag", "evaluation"], ["manual"], "postgresql-doc-15");
            var result = await Ingestion.IngestSourcesAsync(Key, manualPages, null, manifest, user, life.Token);
            uploadMessages = result.Saved
                ? [(Severity.Success, $"{result.Value!.Stored.Count} pages stored and queued for ingestion.")]
                : [.. result.Problems.Select(p => (Severity.Error, p.Message))];
            await ReloadAsync(1);
            Follow();
        }
        finally
        {
            uploading = false;
        }
    }

    private async Task UploadAsync(IReadOnlyList<IBrowserFile>? files)
    {
        if (files is null || files.Count == 0) return;
        uploading = true;
        uploadMessages = [];
        StateHasChanged();
        try
        {
            var max = Options.CurrentValue.MaxUploadBytes;
            var total = files.Sum(f => f.Size);
            if (total > max)
            {
                uploadMessages = [(Severity.Error, $"The files hold {total:N0} bytes; one upload takes at most {max:N0}.")];
                return;
            }
            var incoming = new List<IncomingFile>();
            foreach (var file in files)
            {
                await using var stream = file.OpenReadStream(max, life.Token);
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, life.Token);
                incoming.Add(new IncomingFile(file.Name, buffer.ToArray()));
            }
            var manifest = new DocumentManifest(licence, Split(allowedUses), Split(tags));
            var result = await Ingestion.UploadAsync(Key, incoming, manifest, user, life.Token);
            if (!result.Saved)
            {
                uploadMessages = [.. result.Problems.Select(p => (Severity.Error, p.Message))];
                return;
            }
            var outcome = result.Value!;
            if (outcome.Stored.Count > 0) uploadMessages.Add((Severity.Success, $"{outcome.Stored.Count} file(s) stored and queued for ingestion."));
            uploadMessages.AddRange(outcome.Skipped.Select(s => (Severity.Info, $"Skipped {s.FileName}: {s.Reason}")));
            await ReloadAsync(1);
            Follow();
        }
        finally
        {
            uploading = false;
        }
    }

    private async Task ReleaseAsync(DocumentRow document)
    {
        var result = await Ingestion.ReleaseAsync(Key, document.Id, user, life.Token);
        if (result.Saved) Snackbar.Add($"{document.FileName} released; it is ingested again.", Severity.Success);
        else Snackbar.Add(result.Message, Severity.Error);
        await ReloadAsync(documents?.Page ?? 1);
        Follow();
    }

    private async Task DeleteAsync(DocumentRow document)
    {
        var result = await Ingestion.DeleteAsync(Key, document.Id, user, life.Token);
        if (result.Saved) Snackbar.Add($"{document.FileName} deleted.", Severity.Success);
        else Snackbar.Add(result.Message, Severity.Error);
        if (logFor?.Id == document.Id) logFor = null;
        await ReloadAsync(documents?.Page ?? 1);
    }

    private async Task ShowLogAsync(DocumentRow document)
    {
        logFor = document;
        log = await Ingestion.DocumentLogAsync(document.Id, life.Token);
    }

    private Task GoToPageAsync(int page) => ReloadAsync(page);

    private static Color StatusColor(DocumentStatus status) => status switch
    {
        DocumentStatus.Ingested => Color.Success,
        DocumentStatus.Quarantined => Color.Warning,
        DocumentStatus.Failed => Color.Error,
        DocumentStatus.Retired => Color.Dark,
        _ => Color.Info,
    };

    private static List<string> Split(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public void Dispose()
    {
        life.Cancel();
        life.Dispose();
    }
}
