using System.Globalization;
using AiFlow.Domain.Media;
using AiFlow.Infrastructure.Media;
using AiFlow.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AiFlow.Web.Features.Media;

/// <summary>
/// Uploads media with per-file progress through <see cref="MediaUploadService"/> and lists what is stored, with
/// thumbnails and players; whoever <c>DELETE /api/media/{id}</c> admits deletes an asset here too.
/// </summary>
public partial class MediaPage
{
    private const int PageSize = 25;

    /// <summary>The API route's policy, read from the access table, so the page and the API admit the same roles.</summary>
    private static readonly string DeletePolicy = AccessTable.Api.Single(r => r.Route == "DELETE /api/media/{id:guid}").Access;

    private readonly List<UploadRow> uploads = [];
    private IReadOnlyList<MediaCatalog.Entry> entries = [];
    private MediaCatalog.Entry? selected;
    private int total;
    private int currentPage = 1;
    private bool deleting;

    [Inject] private MediaCatalog Catalog { get; set; } = null!;
    [Inject] private MediaUploadService Uploads { get; set; } = null!;
    [Inject] private IMediaUrls Urls { get; set; } = null!;
    [Inject] private IOptionsMonitor<MediaOptions> Options { get; set; } = null!;
    [Inject] private IAuthorizationService Authorization { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = null!;

    private MediaOptions Policy => Options.CurrentValue;

    private string FrameInterval => Policy.FramesPerSecond > 0
        ? (1 / Policy.FramesPerSecond).ToString("0.##", CultureInfo.InvariantCulture) + " s"
        : "2 s";

    protected override Task OnInitializedAsync() => ShowPageAsync(1);

    private async Task ShowPageAsync(int number)
    {
        currentPage = number;
        (entries, total) = await Catalog.PageAsync(currentPage, PageSize, CancellationToken.None);
    }

    private async Task UploadAsync(IReadOnlyList<IBrowserFile>? files)
    {
        if (files is null) return;
        var user = (await Authentication).User.Identity?.Name ?? "unknown";
        var rows = files.Select(f => new UploadRow(f.Name)).ToList();
        uploads.Clear();
        uploads.AddRange(rows);
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var row = rows[i];
            var limit = Policy.MaxUploadBytes;
            if (file.Size > limit)
            {
                row.Error = $"'{file.Name}' is larger than the {limit:N0} bytes one upload may hold; nothing was stored.";
                continue;
            }
            try
            {
                await using var source = file.OpenReadStream(limit + 1);
                await using var counting = new ProgressStream(source, file.Size, percent =>
                {
                    row.Percent = percent;
                    _ = InvokeAsync(StateHasChanged);
                });
                var result = await Uploads.UploadAsync(counting, file.Name, file.ContentType, user, CancellationToken.None);
                row.Percent = 100;
                row.Done = result.Succeeded;
                row.Error = result.Problem?.Message;
                row.Note = result.Duplicate ? "already stored" : result.Note;
            }
            catch (IOException ex)
            {
                row.Error = $"'{file.Name}' could not be read: {ex.Message}";
            }
            StateHasChanged();
        }
        await ShowPageAsync(1);
        if (entries.Count > 0 && rows.Any(r => r.Done)) selected = entries[0];
    }

    private async Task DeleteAsync(MediaAsset asset)
    {
        // The button renders only for the policy's roles; the role is checked again where the deletion happens, as the API does.
        var user = (await Authentication).User;
        if (!(await Authorization.AuthorizeAsync(user, DeletePolicy)).Succeeded)
        {
            Snackbar.Add("Your role may not delete media.", Severity.Error);
            return;
        }
        var sure = await Dialogs.ShowMessageBoxAsync("Delete media",
            $"Delete “{asset.FileName}” and the frames or sound track made from it? Runs that name it can no longer show or send it.",
            yesText: "Delete", cancelText: "Cancel");
        if (sure != true) return;
        deleting = true;
        try
        {
            if (await Uploads.DeleteAsync(asset.Id, CancellationToken.None)) Snackbar.Add($"“{asset.FileName}” was deleted.", Severity.Success);
            else Snackbar.Add($"“{asset.FileName}” was already deleted.", Severity.Warning);
            selected = null;
            await ShowPageAsync(currentPage);
            // The last asset of the last page is gone: show the page before it rather than an empty one.
            if (entries.Count == 0 && currentPage > 1) await ShowPageAsync(currentPage - 1);
        }
        finally
        {
            deleting = false;
        }
    }

    private static MediaAsset? Thumbnail(MediaCatalog.Entry entry) => entry.Asset.Kind switch
    {
        MediaKind.Image => entry.Asset,
        MediaKind.Video => entry.Derived.FirstOrDefault(d => d.Derivation == MediaDerivation.Frame),
        _ => null,
    };

    private static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    private static string Measure(MediaAsset asset)
    {
        var parts = new List<string>();
        if (asset.Width is { } w && asset.Height is { } h) parts.Add($"{w} × {h}");
        if (asset.DurationMs is { } ms) parts.Add((ms / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s");
        return string.Join(", ", parts);
    }

    private sealed class UploadRow(string name)
    {
        public string Name { get; } = name;
        public double Percent { get; set; }
        public bool Done { get; set; }
        public string? Error { get; set; }
        public string? Note { get; set; }
    }
}
