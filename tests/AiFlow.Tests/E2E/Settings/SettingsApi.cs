using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiFlow.Tests.Support;

namespace AiFlow.Tests.E2E.Settings;

/// <summary>Calls on <c>/api/settings</c> for the settings tests, with the version read first as a client would.</summary>
public static class SettingsApi
{
    public static Uri Route(string key, string tail = "") => new($"/api/settings/{key}{tail}", UriKind.Relative);

    public static async Task<JsonObject> GetAsync(HttpClient client, string key)
    {
        var all = await client.GetFromJsonAsync<JsonArray>(new Uri("/api/settings/", UriKind.Relative), ApiJson.Options);
        return all!.OfType<JsonObject>().Single(s => (string)s["key"]! == key);
    }

    public static async Task<HttpResponseMessage> PutAsync(HttpClient client, string key, JsonNode? value, int? version = null)
    {
        version ??= (int)(await GetAsync(client, key))["version"]!;
        return await client.PutAsJsonAsync(Route(key), new JsonObject { ["value"] = value?.DeepClone(), ["version"] = version });
    }

    public static Task<HttpResponseMessage> ResetAsync(HttpClient client, string key) => client.DeleteAsync(Route(key));
}
