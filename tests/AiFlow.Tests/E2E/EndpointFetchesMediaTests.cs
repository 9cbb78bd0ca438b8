using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Endpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>The endpoint capability behind images by URL (ADR 0034) is set on the page and through the API, and shown in the list.</summary>
[Collection(ConsoleCollection.Name)]
public class EndpointFetchesMediaTests(ConsoleFixture console)
{
    private static readonly System.Text.Json.JsonSerializerOptions Wire = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    [Fact]
    public async Task An_endpoint_is_marked_as_fetching_media_urls_through_the_api_and_the_list_shows_it_until_it_is_cleared()
    {
        using var client = new HttpClient { BaseAddress = console.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleApp.DemoApiKey);
        var name = "vision-fetch-" + Guid.NewGuid().ToString("N")[..6];
        var form = new EndpointForm
        {
            Name = name, Kind = AiFlow.Domain.Inference.EndpointKind.Vision, BaseUrl = "http://127.0.0.1:" + ConsoleApp.SimulatorPort + "/v1", Model = "sim-vision",
            FetchesMediaUrls = true,
        };

        var created = await client.PostAsJsonAsync(new Uri("/api/endpoints", UriKind.Relative), form, Wire);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var listed = (await client.GetFromJsonAsync<List<EndpointSummary>>(new Uri("/api/endpoints", UriKind.Relative), ApiJson.Options))!.Single(e => e.Name == name);
        Assert.True(listed.FetchesMediaUrls);

        form.FetchesMediaUrls = false;
        var changed = await client.PutAsJsonAsync(new Uri($"/api/endpoints/{listed.Id}", UriKind.Relative), form, Wire);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        var after = (await client.GetFromJsonAsync<List<EndpointSummary>>(new Uri("/api/endpoints", UriKind.Relative), ApiJson.Options))!.Single(e => e.Name == name);
        Assert.False(after.FetchesMediaUrls);
    }

    [Fact]
    public async Task An_admin_switches_fetching_media_urls_on_in_the_form_and_the_list_marks_the_endpoint()
    {
        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync("admin@aiflow.local", ConsoleApp.DemoPassword, "/endpoints");
        await SignInPage.WaitForInteractiveAsync(page);
        var endpoints = new EndpointsAdminPage(page);
        var name = "Vision fetch " + Guid.NewGuid().ToString("N")[..6];

        await endpoints.AddEndpointAsync(name, "http://127.0.0.1:" + ConsoleApp.SimulatorPort + "/v1", "sim-vision", fetchesMediaUrls: true);

        await Assertions.Expect(endpoints.Row(name).GetByTestId("endpoint-fetches-media")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await using (var db = console.Database.CreateContext())
        {
            Assert.True((await db.InferenceEndpoints.SingleAsync(e => e.Name == name)).FetchesMediaUrls);
        }
        await page.Context.CloseAsync();
    }
}
