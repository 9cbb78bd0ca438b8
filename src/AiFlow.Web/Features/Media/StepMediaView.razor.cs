using System.Globalization;
using AiFlow.Domain.Media;
using AiFlow.Infrastructure.Media;
using AiFlow.Infrastructure.Runs.Execution.Kinds;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace AiFlow.Web.Features.Media;

/// <summary>
/// The media a step attempt sent to its model (recorded under its rendered prompt, ADR 0034): images (a video's
/// sampled frames among them, with their offset), an audio player whose transcript segments seek it, addressed by
/// signed, expiring URLs (<see cref="IMediaUrls"/>). Shared by the run inspector and the review panel.
/// </summary>
public partial class StepMediaView
{
    [Inject] private MediaLibrary Library { get; set; } = default!;

    [Inject] private IMediaUrls Urls { get; set; } = default!;

    [Inject] private IJSRuntime Js { get; set; } = default!;

    /// <summary>The attempt's rendered prompt, whose media lines name what was sent.</summary>
    [Parameter] public string? RenderedPrompt { get; set; }

    /// <summary>The attempt's IR; a transcription's segments are listed under its audio.</summary>
    [Parameter] public string? IrJson { get; set; }

    private IReadOnlyList<StepMediaItem> items = [];
    private IReadOnlyList<TranscriptSegmentView> segments = [];
    private string? loadedFor;

    protected override async Task OnParametersSetAsync()
    {
        segments = TranscriptSegmentView.From(IrJson);
        if (loadedFor == RenderedPrompt) return;
        loadedFor = RenderedPrompt;
        var list = new List<StepMediaItem>();
        foreach (var id in MediaSentNote.Ids(RenderedPrompt))
        {
            var asset = await Library.FindAsync(id, CancellationToken.None);
            if (asset is null)
            {
                list.Add(new StepMediaItem(id, MediaKind.Image, "", "", null, null, null, null, "no longer exists"));
                continue;
            }
            var missing = asset.DeletedAt is { } at ? $"was deleted at {at.ToString("u", CultureInfo.InvariantCulture)}" : null;
            list.Add(new StepMediaItem(asset.Id, asset.Kind, asset.MimeType, asset.FileName, asset.Width, asset.Height, asset.OffsetMs,
                missing is null ? Urls.For(asset.Id) : null, missing));
        }
        items = list;
    }

    private static string PlayerId(StepMediaItem item) => "media-audio-" + item.Id.ToString("N");

    private Task SeekAsync(StepMediaItem item, double seconds) => Js.InvokeVoidAsync("aiflowMedia.seek", PlayerId(item), seconds).AsTask();

    private static string Caption(StepMediaItem item)
    {
        var size = item.Width is { } w && item.Height is { } h ? $" · {w}×{h}" : "";
        var frame = item.OffsetMs is { } ms ? $" · frame at {Clock(ms / 1000.0)}" : "";
        return item.FileName + size + frame;
    }

    private static string Clock(double seconds) =>
        TimeSpan.FromSeconds(seconds).ToString(seconds >= 3600 ? @"h\:mm\:ss\.f" : @"m\:ss\.f", CultureInfo.InvariantCulture);
}
