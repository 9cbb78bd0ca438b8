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
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("cycle", problem, StringComparison.Ordinal);
        Assert.Contains("\"pointer\":\"/version/", problem, StringComparison.Ordinal);
        var history = await client.GetStringAsync(new Uri("/api/pipelines/ticket-triage/versions", UriKind.Relative));
        Assert.DoesNotContain("Imported", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipelineEditor_api_export_is_a_bundle_without_ids_that_the_same_console_reimports_unchanged_and_refuses_for_another_key()
    {
        using var client = Client();
        var export = await client.GetStringAsync(new Uri("/api/pipelines/ticket-triage/versions/1/export", UriKind.Relative));
        Assert.Contains("\"format\": 2", export, StringComparison.Ordinal);
        Assert.DoesNotContain("stepVersionId", export, StringComparison.Ordinal);

        using var same = new StringContent(export, System.Text.Encoding.UTF8, "application/json");
        var unchanged = await client.PostAsync(new Uri("/api/pipelines/ticket-triage/versions/import", UriKind.Relative), same);
        using var other = new StringContent(export, System.Text.Encoding.UTF8, "application/json");
        var wrongKey = await client.PostAsync(new Uri("/api/pipelines/another-pipeline/versions/import", UriKind.Relative), other);

        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.Contains("\"outcome\":\"Unchanged\"", await unchanged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrongKey.StatusCode);
        Assert.Contains("\"pointer\":\"/pipeline/key\"", await wrongKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipelineEditor_api_versions_are_admin_only()
    {
        using var anonymous = new HttpClient { BaseAddress = console.App.BaseAddress };
        var response = await anonymous.GetAsync(new Uri("/api/pipelines/ticket-triage/versions/1/export", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
