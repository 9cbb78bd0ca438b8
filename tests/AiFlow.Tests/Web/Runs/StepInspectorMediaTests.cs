using System.Globalization;
using AiFlow.Domain.Media;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Media;
using AiFlow.Infrastructure.Media.Storage;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Execution.Kinds;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Runs.View;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AiFlow.Tests.Web.Runs;

/// <summary>Issue 15, item 3: the inspector shows the media a step sent beside its IR, and transcript segments seek the audio.</summary>
public sealed class StepInspectorMediaTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private sealed class FixedUrls : IMediaUrls
    {
        public string For(Guid assetId, TimeSpan? lifetime = null) => $"/media/{assetId}/content?token=test";
    }

    private sealed class NoStorage : IMediaStorage
    {
        public Task PutAsync(string key, Stream content, string mimeType, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => throw new FileNotFoundException(key);
        public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(false);
        public Task DeleteAsync(string key, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static StepInspection Step(string prompt, string ir) => new(Guid.CreateVersion7(), "media", 1, StepRunStatus.Completed, null, null, 12, "sim", "sim-1",
        10, 5, 0m, null, "{}", "{}", prompt, ir, ir, true, [], [], [], []);

    private async Task<MediaAsset> AddAsync(MediaKind kind, string mime, string name)
    {
        var asset = new MediaAsset
        {
            FileName = name, MimeType = mime, Kind = kind, SizeBytes = 10, Sha256 = Guid.NewGuid().ToString("N"), StorageKey = "ab/none",
            Width = kind == MediaKind.Image ? 64 : null, Height = kind == MediaKind.Image ? 48 : null, CreatedAt = DateTimeOffset.UtcNow, UploadedBy = "test",
        };
        await using var db = fixture.Database.CreateContext();
        db.MediaAssets.Add(asset);
        await db.SaveChangesAsync();
        return asset;
    }

    private BunitContext Context()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<IDbContextFactory<AiFlowDbContext>>(new AuditedContextFactory(fixture.Database));
        ctx.Services.AddSingleton<IMediaStorage, NoStorage>();
        ctx.Services.AddSingleton<MediaLibrary>();
        ctx.Services.AddSingleton<IMediaUrls, FixedUrls>();
        return ctx;
    }

    [Fact]
    public async Task The_image_a_vision_step_sent_is_shown_beside_its_ir_through_a_signed_url()
    {
        var image = await AddAsync(MediaKind.Image, "image/png", "harbour.png");
        await using var ctx = Context();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        var prompt = "Describe the frame." + MediaSentNote.Line("input.frameIds[0]", image.Id, "image/png", "64x48");

        var inspector = ctx.Render<StepInspector>(p => p.Add(c => c.Step, Step(prompt, """{"description":"blue"}""")));

        var img = inspector.WaitForElement("[data-testid=media-image]", TimeSpan.FromSeconds(30));
        Assert.Equal($"/media/{image.Id}/content?token=test", img.GetAttribute("src"));
        Assert.Equal("harbour.png · 64×48", inspector.Find("[data-testid=media-caption]").TextContent);
    }

    [Fact]
    public async Task A_transcripts_segments_are_listed_under_its_audio_and_clicking_one_seeks_the_player_to_its_start()
    {
        var audio = await AddAsync(MediaKind.Audio, "audio/wav", "interview.wav");
        await using var ctx = Context();
        var seek = ctx.JSInterop.SetupVoid("aiflowMedia.seek", _ => true);
        var prompt = MediaSentNote.Line("input.audioId", audio.Id, "audio/wav", "1000 bytes").TrimStart('\n');
        var ir = $$"""{"mediaId":"{{audio.Id}}","text":"x","segments":[{"start":0,"end":1,"text":"Part 1"},{"start":1,"end":2,"text":"Part 2"},{"start":2,"end":2.5,"text":"Part 3"}]}""";

        var inspector = ctx.Render<StepInspector>(p => p.Add(c => c.Step, Step(prompt, ir)));

        var player = inspector.WaitForElement("[data-testid=media-audio]", TimeSpan.FromSeconds(30));
        Assert.Equal($"/media/{audio.Id}/content?token=test", player.GetAttribute("src"));
        var segments = inspector.FindAll("[data-testid=transcript-segment]");
        Assert.Equal(["0", "1", "2"], segments.Select(s => s.GetAttribute("data-start")));
        await inspector.FindAll("[data-testid=seek-segment]")[1].ClickAsync(new());
        var invocation = Assert.Single(seek.Invocations);
        Assert.Equal(player.Id, invocation.Arguments[0]);
        Assert.Equal(1.0, Convert.ToDouble(invocation.Arguments[1], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_deleted_asset_is_named_as_deleted_instead_of_a_broken_image()
    {
        var image = await AddAsync(MediaKind.Image, "image/png", "gone.png");
        await using (var db = fixture.Database.CreateContext())
        {
            await db.MediaAssets.Where(a => a.Id == image.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.DeletedAt, DateTimeOffset.UtcNow));
        }
        await using var ctx = Context();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;

        var inspector = ctx.Render<StepInspector>(p => p.Add(c => c.Step, Step(MediaSentNote.Line("input.frameIds[0]", image.Id, "image/png", "1x1"), "{}")));

        var missing = inspector.WaitForElement("[data-testid=media-missing]", TimeSpan.FromSeconds(30));
        Assert.StartsWith($"Media {image.Id} was deleted at ", missing.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(inspector.FindAll("[data-testid=media-image]"));
    }
}
