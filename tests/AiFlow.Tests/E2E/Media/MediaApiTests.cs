using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Media;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiFlow.Tests.E2E.Media;

/// <summary>/api/media and the signed content route on a real console, storing in a folder the test inspects.</summary>
[Collection(MediaConsoleCollection.Name)]
public class MediaApiTests(MediaConsoleFixture console)
{
    private static MultipartFormDataContent Form(params (string Name, byte[] Bytes, string? Type)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes, type) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(type ?? "application/octet-stream");
            form.Add(content, "files", name);
        }
        return form;
    }

    private static async Task<JsonNode> JsonOf(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    [Fact]
    public async Task An_ops_user_uploads_an_image_and_a_wav_in_one_request_and_reads_each_back_with_its_measurements()
    {
        using var ops = await console.ApiClientWithRoleAsync(Roles.Ops);
        var png = MediaFiles.Png(33, 21);
        using var form = Form(("diagram.png", png, "image/png"), ("voice.wav", MediaFiles.Wav(800), "audio/wav"));

        using var response = await ops.PostAsync(new Uri("/api/media", UriKind.Relative), form);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var assets = (await JsonOf(response)).AsArray();
        Assert.Equal(2, assets.Count);
        var image = assets[0]!;
        Assert.Equal(("image/png", 33, 21, png.Length), (image["mimeType"]!.GetValue<string>(), image["width"]!.GetValue<int>(), image["height"]!.GetValue<int>(), image["bytes"]!.GetValue<int>()));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)), image["sha256"]!.GetValue<string>());
        Assert.InRange(assets[1]!["durationMs"]!.GetValue<long>(), 750, 850);
        var read = await JsonOf(await ops.GetAsync(new Uri($"/api/media/{image["id"]}", UriKind.Relative)));
        Assert.Equal(image["sha256"]!.GetValue<string>(), read["sha256"]!.GetValue<string>());
        Assert.Equal(33, read["width"]!.GetValue<int>());
        var list = await JsonOf(await ops.GetAsync(new Uri("/api/media?pageSize=200", UriKind.Relative)));
        Assert.Contains(list["items"]!.AsArray(), i => i!["id"]!.GetValue<Guid>() == image["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_a_413_and_leaves_nothing_in_the_storage_folder()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var before = console.StoredFiles();
        var big = new byte[(int)MediaConsoleFixture.Limit + 512 * 1024];
        MediaFiles.Wav(10).AsSpan(0, 44).CopyTo(big);

        HttpStatusCode? status = null;
        try
        {
            using var response = await admin.PostAsync(new Uri("/api/media", UriKind.Relative), Form(("big.wav", big, "audio/wav")));
            status = response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // The server may close the connection after answering 413 without reading the rest; the folder is what counts.
        }

        Assert.True(status is null or HttpStatusCode.RequestEntityTooLarge, $"answered {status}");
        Assert.Equal(before, console.StoredFiles());
        Assert.Empty(console.StagedFiles());
    }

    [Fact]
    public async Task A_file_whose_bytes_are_not_its_claimed_type_is_a_415_naming_it_and_its_good_neighbour_is_not_stored_either()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var good = MediaFiles.Png(41, 41);
        using var form = Form(("fine.png", good, "image/png"), ("song.mp3", MediaFiles.Png(5, 5), "audio/mpeg"));

        using var response = await admin.PostAsync(new Uri("/api/media", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await JsonOf(response);
        Assert.Contains("song.mp3", problem["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("/files/1", problem["pointer"]!.GetValue<string>());
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(good));
        Assert.DoesNotContain(console.StoredFiles(), f => f.EndsWith(sha, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_corrupt_image_is_a_400_and_a_body_that_is_not_multipart_is_a_415()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var png = MediaFiles.Png(30, 30);

        using var corrupt = await admin.PostAsync(new Uri("/api/media", UriKind.Relative), Form(("half.png", png[..(png.Length - 20)], "image/png")));
        using var json = await admin.PostAsync(new Uri("/api/media", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, corrupt.StatusCode);
        Assert.Contains("half.png", (await JsonOf(corrupt))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
    }

    [Fact]
    public async Task Reviewers_may_not_upload_or_read_media_outside_their_reviews_and_only_admins_delete()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        using var reviewer = await console.ApiClientWithRoleAsync(Roles.Reviewer);
        using var ops = await console.ApiClientWithRoleAsync(Roles.Ops);
        using var created = await admin.PostAsync(new Uri("/api/media", UriKind.Relative), Form(("r.png", MediaFiles.Png(9, 7), "image/png")));
        var id = (await JsonOf(created))[0]!["id"]!.GetValue<Guid>();

        using var reviewerUpload = await reviewer.PostAsync(new Uri("/api/media", UriKind.Relative), Form(("x.png", MediaFiles.Png(3, 3), "image/png")));
        using var reviewerRead = await reviewer.GetAsync(new Uri($"/api/media/{id}", UriKind.Relative));
        using var reviewerList = await reviewer.GetAsync(new Uri("/api/media", UriKind.Relative));
        using var opsDelete = await ops.DeleteAsync(new Uri($"/api/media/{id}", UriKind.Relative));
        using var adminDelete = await admin.DeleteAsync(new Uri($"/api/media/{id}", UriKind.Relative));
        using var afterDelete = await admin.GetAsync(new Uri($"/api/media/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, reviewerUpload.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reviewerRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reviewerList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, opsDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, adminDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete.StatusCode);
        // An upload and a delete are changes people make: both are in the audit trail (neither was).
        await using var db = console.Database.CreateContext();
        var audit = await db.AuditEntries.Where(a => a.EntityType == "MediaAsset" && a.EntityId == id.ToString()).ToListAsync();
        Assert.Contains(audit, a => a.Action == AiFlow.Domain.Common.AuditAction.Created);
        Assert.Contains(audit, a => a.Action == AiFlow.Domain.Common.AuditAction.Updated && JsonNode.Parse(a.After!)!["DeletedAt"] != null);
    }

    [Fact]
    public async Task The_signed_content_url_serves_the_bytes_with_nosniff_and_ranges_but_not_signed_out_nor_for_another_asset()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var png = MediaFiles.Png(50, 50);
        using var created = await admin.PostAsync(new Uri("/api/media", UriKind.Relative),
            Form(("u1.png", png, "image/png"), ("u2.png", MediaFiles.Png(51, 50), "image/png")));
        var assets = (await JsonOf(created)).AsArray();
        var url = assets[0]!["contentUrl"]!.GetValue<string>();
        var otherUrl = assets[1]!["contentUrl"]!.GetValue<string>();
        var token = url[url.IndexOf('?', StringComparison.Ordinal)..];

        using var whole = await admin.GetAsync(new Uri(url, UriKind.Relative));
        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        rangeRequest.Headers.Range = new RangeHeaderValue(0, 7);
        using var range = await admin.SendAsync(rangeRequest);
        // Not following redirects: a signed-out browser is sent to the sign-in page, which itself answers 200.
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = console.App.BaseAddress };
        using var signedOut = await anonymous.GetAsync(new Uri(url, UriKind.Relative));
        using var borrowed = await admin.GetAsync(new Uri(otherUrl[..otherUrl.IndexOf('?', StringComparison.Ordinal)] + token, UriKind.Relative));
        using var forged = await admin.GetAsync(new Uri(url[..^6] + "AAAAAA", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(png, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", whole.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", whole.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal(png[..8], await range.Content.ReadAsByteArrayAsync());
        Assert.Contains(signedOut.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Found, HttpStatusCode.Unauthorized });
        Assert.NotEqual(png, await signedOut.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, borrowed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task A_public_base_url_set_in_the_settings_signs_links_a_model_server_fetches_without_a_session_and_without_a_restart()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var png = MediaFiles.Png(17, 11);
        using var uploaded = await admin.PostAsync(new Uri("/api/media", UriKind.Relative), Form(("sign-me.png", png, "image/png")));
        Assert.True(uploaded.StatusCode == HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        var id = (await JsonOf(uploaded)).AsArray()[0]!["id"]!.GetValue<Guid>();
        var links = console.App.Services.GetRequiredService<MediaFetchUrls>();
        Assert.Null(links.For(id));
        try
        {
            var baseUrl = console.App.BaseAddress.ToString();
            Assert.Equal(HttpStatusCode.OK, (await E2E.Settings.SettingsApi.PutAsync(admin, "Media:PublicBaseUrl", baseUrl)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await E2E.Settings.SettingsApi.PutAsync(admin, "Media:FetchUrlMinutes", 5)).StatusCode);

            var link = links.For(id);

            Assert.NotNull(link);
            Assert.StartsWith($"{baseUrl.TrimEnd('/')}/media/{id}/content?token=", link, StringComparison.Ordinal);
            Assert.Equal(5, console.App.Services.GetRequiredService<IOptionsMonitor<MediaOptions>>().CurrentValue.FetchUrlMinutes);
            // A model server has no session: the link alone must open the bytes.
            using var gpuServer = new HttpClient();
            using var fetched = await gpuServer.GetAsync(new Uri(link));
            Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
            Assert.Equal(png, await fetched.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            await E2E.Settings.SettingsApi.ResetAsync(admin, "Media:PublicBaseUrl");
            await E2E.Settings.SettingsApi.ResetAsync(admin, "Media:FetchUrlMinutes");
        }
        Assert.Null(links.For(id));
    }
}
