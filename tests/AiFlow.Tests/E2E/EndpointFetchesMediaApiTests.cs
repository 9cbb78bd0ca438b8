using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Endpoints;

namespace AiFlow.Tests.E2E;

/// <summary>The endpoint capability behind images by URL (ADR 0034) is set and cleared through the API and read back from the list.</summary>
[Collection(ConsoleCollection.Name)]
public class EndpointFetchesMediaApiTests(ConsoleFixture console)
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
}
