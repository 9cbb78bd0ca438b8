using System.Net;
using System.Net.Http.Headers;
using AiFlow.Tests.Support;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class PipelineVersionApiTests(ConsoleFixture console)
{
    private HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = console.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleApp.DemoApiKey);
        return client;
    }

    [Fact]
    public async Task PipelineEditor_api_exports_the_active_demo_version_and_refuses_a_cyclic_import_with_reasons()
    {
        using var client = Client();

        var export = await client.GetStringAsync(new Uri("/api/pipelines/ticket-triage/versions/1/export", UriKind.Relative));
        Assert.Contains("\"extract_fields\"", export, StringComparison.Ordinal);

        var cyclic = export.Replace("\"dependsOn\": []", "\"dependsOn\": [\"draft_reply\"]", StringComparison.Ordinal);
        using var content = new StringContent(cyclic, System.Text.Encoding.UTF8, "application/json");
        var refused = await client.PostAsync(new Uri("/api/pipelines/ticket-triage/versions/import", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("cycle", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var history = await client.GetStringAsync(new Uri("/api/pipelines/ticket-triage/versions", UriKind.Relative));
        Assert.DoesNotContain("Imported", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipelineEditor_api_versions_are_admin_only()
    {
        using var anonymous = new HttpClient { BaseAddress = console.App.BaseAddress };
        var response = await anonymous.GetAsync(new Uri("/api/pipelines/ticket-triage/versions/1/export", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
