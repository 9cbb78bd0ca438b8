using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Common;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Schemas;
using AiFlow.Infrastructure.Settings;
using AiFlow.Infrastructure.Steps;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiFlow.Tests.E2E.Settings;

/// <summary>
/// <c>/api/settings</c> on the running console: a change reaches the components that read it on their next read (no
/// restart), every refusal answers a problem with a pointer and stores nothing, and each change leaves history and audit.
/// Each test resets what it set, since the console is shared.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SettingsApiTests(ConsoleFixture console)
{
    private const string Actor = "apikey:demo";

    private HttpClient Admin() => console.ApiClient(ConsoleApp.DemoApiKey);

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<(int Rows, int Changes, int Audits)> StoredAsync(string key)
    {
        await using var db = console.Database.CreateContext();
        return (await db.Settings.CountAsync(s => s.Key == key), await db.SettingChanges.CountAsync(c => c.Key == key),
            await db.AuditEntries.CountAsync(a => a.EntityType == "Setting" && a.EntityId == key));
    }

    [Fact]
    public async Task The_validation_mode_override_set_through_the_api_changes_the_running_engines_mode_without_a_restart()
    {
        using var admin = Admin();
        var validation = console.App.Services.GetRequiredService<IrValidationService>();
        Assert.Equal(ValidationMode.Log, validation.EffectiveMode(ValidationMode.Log));
        try
        {
            var response = await SettingsApi.PutAsync(admin, "Validation:ModeOverride", "enforce");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var saved = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("enforce", (string?)saved["value"]);
            Assert.Equal("database", (string?)saved["source"]);
            Assert.Equal(ValidationMode.Enforce, validation.EffectiveMode(ValidationMode.Log));
            Assert.Equal(ValidationMode.Enforce, validation.EffectiveMode(ValidationMode.Off));
            Assert.Equal("enforce", console.App.Services.GetRequiredService<IOptionsMonitor<ValidationOptions>>().CurrentValue.ModeOverride);

            Assert.Equal(HttpStatusCode.OK, (await SettingsApi.PutAsync(admin, "Validation:ModeOverride", "off")).StatusCode);
            Assert.Equal(ValidationMode.Off, validation.EffectiveMode(ValidationMode.Enforce));
        }
        finally
        {
            await SettingsApi.ResetAsync(admin, "Validation:ModeOverride");
        }
        Assert.Equal(ValidationMode.Log, validation.EffectiveMode(ValidationMode.Log));
        Assert.Equal("default", (string?)(await SettingsApi.GetAsync(admin, "Validation:ModeOverride"))["source"]);
    }

    [Fact]
    public async Task The_review_sampling_default_set_through_the_api_is_what_a_new_steps_first_version_starts_with()
    {
        using var admin = Admin();
        var steps = console.App.Services.GetRequiredService<StepAuthoringService>();
        var user = TestUsers.Admin();
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await SettingsApi.PutAsync(admin, "AiFlow:Review:DefaultSamplingRate", 0.35)).StatusCode);
            var key = $"sampled-{Guid.NewGuid():N}"[..30];
            Assert.True((await steps.CreateStepAsync(key, "Sampled", StepKind.StructuredLlm, null, user, CancellationToken.None)).Saved);

            var version = await steps.CreateVersionAsync(key, null, user, CancellationToken.None);

            Assert.True(version.Saved, version.Message);
            Assert.Equal(0.35, version.Value!.Settings.ReviewSamplingRate);
        }
        finally
        {
            await SettingsApi.ResetAsync(admin, "AiFlow:Review:DefaultSamplingRate");
        }
    }

    [Fact]
    public async Task A_rate_limit_lowered_through_the_api_refuses_the_next_requests_without_a_restart()
    {
        using var admin = Admin();
        using var caller = await console.ApiClientWithRoleAsync("Ops");
        Assert.All(await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => caller.GetAsync(new Uri("/api/me", UriKind.Relative)))),
            r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await SettingsApi.PutAsync(admin, "AiFlow:RateLimits:ApiPerSecond", 1)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SettingsApi.PutAsync(admin, "AiFlow:RateLimits:ApiBurst", 3)).StatusCode);

            var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => caller.GetAsync(new Uri("/api/me", UriKind.Relative))));

            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.TooManyRequests);
        }
        finally
        {
            // The admin's own bucket is small now too: reset each limit until it goes through.
            foreach (var key in new[] { "AiFlow:RateLimits:ApiBurst", "AiFlow:RateLimits:ApiPerSecond" })
            {
                for (var attempt = 0; attempt < 30 && (await SettingsApi.ResetAsync(admin, key)).StatusCode == HttpStatusCode.TooManyRequests; attempt++)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }
        }
    }

    [Fact]
    public async Task Another_console_on_the_same_database_sees_the_change_at_its_next_poll_and_the_files_value_after_a_reset()
    {
        // A second node's configuration: its own file value below the database's, polling every 200 ms.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Validation:ModeOverride"] = "warn" })
            .Add(new DatabaseSettingsSource(console.Database.ConnectionString, TimeSpan.FromMilliseconds(200)))
            .Build();
        // Disposing the configuration stops the provider's poll.
        using var stopPolling = (IDisposable)configuration;
        var services = new ServiceCollection();
        services.AddOptions<ValidationOptions>().Bind(configuration.GetSection(ValidationOptions.Section));
        await using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<ValidationOptions>>();
        var changes = 0;
        using var subscription = monitor.OnChange(_ => Interlocked.Increment(ref changes));
        Assert.Equal("warn", monitor.CurrentValue.ModeOverride);
        using var admin = Admin();
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await SettingsApi.PutAsync(admin, "Validation:ModeOverride", "enforce")).StatusCode);

            await WaitForAsync(() => monitor.CurrentValue.ModeOverride == "enforce");
            Assert.True(changes >= 1);
        }
        finally
        {
            await SettingsApi.ResetAsync(admin, "Validation:ModeOverride");
        }
        await WaitForAsync(() => monitor.CurrentValue.ModeOverride == "warn");
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The other node did not see the change within 60 s.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_naming_who_saved_and_nothing_changes()
    {
        using var admin = Admin();
        const string key = "Retention:RawResponsesDays";
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await SettingsApi.PutAsync(admin, key, 30, version: 0)).StatusCode);

            var stale = await SettingsApi.PutAsync(admin, key, 60, version: 0);

            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            Assert.Contains(Actor, (string?)(await ProblemAsync(stale))["title"], StringComparison.Ordinal);
            var current = await SettingsApi.GetAsync(admin, key);
            Assert.Equal(30, (int)current["value"]!);
            Assert.Equal(1, (int)current["version"]!);
        }
        finally
        {
            await SettingsApi.ResetAsync(admin, key);
        }
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "Retention:RenderedPromptsDays", "\"30\"", "whole number" },
        { "Retention:RenderedPromptsDays", "0", "out of range" },
        { "Retention:RenderedPromptsDays", "3651", "out of range" },
        { "AiFlow:Budgets:SoftLimitPercent", "101", "out of range" },
        { "AiFlow:Budgets:SoftLimitPercent", "null", "needs a value" },
        { "Media:MaxUploadBytes", "4294967297", "out of range" },
        { "Validation:ModeOverride", "\"strict\"", "none of them" },
        { "Media:Storage:Provider", "\"Azure\"", "none of them" },
        { "Media:Storage:S3:ServiceUrl", "\"https://admin:hunter2@minio.example\"", "user name or password" },
        { "Media:Storage:S3:AccessKeyIdVariable", "\"AKIAIOSFODNN7EXAMPLE\"", "looks like a secret" },
        { "Media:Storage:S3:SecretAccessKeyVariable", "\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"", "looks like a secret" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_value_the_catalogue_refuses_is_a_400_at_value_and_nothing_is_stored(string key, string json, string reason)
    {
        using var admin = Admin();
        // Other tests set and reset some of these keys: what counts is that this request adds nothing.
        var before = await StoredAsync(key);
        var version = (int)(await SettingsApi.GetAsync(admin, key))["version"]!;

        var response = await SettingsApi.PutAsync(admin, key, JsonNode.Parse(json), version);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("/value", (string?)problem["pointer"]);
        Assert.Contains(reason, (string?)problem["title"], StringComparison.Ordinal);
        Assert.DoesNotContain("EXAMPLE", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync(key));
    }

    [Fact]
    public async Task A_body_without_a_version_is_a_400_at_version()
    {
        using var admin = Admin();
        var before = await StoredAsync("Retention:RenderedPromptsDays");

        var response = await admin.PutAsJsonAsync(SettingsApi.Route("Retention:RenderedPromptsDays"), new JsonObject { ["value"] = 30 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("/version", (string?)(await ProblemAsync(response))["pointer"]);
        Assert.Equal(before, await StoredAsync("Retention:RenderedPromptsDays"));
    }

    [Fact]
    public async Task An_unknown_key_is_a_404_on_every_route()
    {
        using var admin = Admin();

        Assert.Equal(HttpStatusCode.NotFound, (await SettingsApi.PutAsync(admin, "Retention:Forever", 3, version: 0)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SettingsApi.ResetAsync(admin, "Retention:Forever")).StatusCode);
        var history = await admin.GetAsync(SettingsApi.Route("Retention:Forever", "/history"));
        Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);
        Assert.Equal(404, (int)(await ProblemAsync(history))["status"]!);
        Assert.Equal((0, 0, 0), await StoredAsync("Retention:Forever"));
    }

    [Fact]
    public async Task History_and_audit_record_who_set_and_reset_a_setting_and_when()
    {
        using var admin = Admin();
        const string key = "Retention:RenderedPromptsDays";
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        Assert.Equal(HttpStatusCode.OK, (await SettingsApi.PutAsync(admin, key, 14)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SettingsApi.PutAsync(admin, key, null)).StatusCode);
        var reset = await SettingsApi.ResetAsync(admin, key);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal("default", (string?)(await reset.Content.ReadFromJsonAsync<JsonObject>())!["source"]);
        var history = (await admin.GetFromJsonAsync<JsonArray>(SettingsApi.Route(key, "/history")))!.OfType<JsonObject>().ToList();
        Assert.Equal([3, 2, 1], history.Select(h => (int)h["version"]!));
        Assert.Equal([true, false, false], history.Select(h => (bool)h["reset"]!));
        Assert.Equal(14, (int)history[2]["value"]!);
        Assert.Null(history[1]["value"]);
        Assert.All(history, h => Assert.Equal(Actor, (string?)h["changedBy"]));
        Assert.All(history, h => Assert.True(DateTimeOffset.Parse((string)h["changedAt"]!, System.Globalization.CultureInfo.InvariantCulture) > before));

        await using var db = console.Database.CreateContext();
        var audit = await db.AuditEntries.Where(a => a.EntityType == "Setting" && a.EntityId == key).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Updated, AuditAction.Deleted], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(Actor, a.UserName));
        Assert.Contains("14", audit[0].After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ops")]
    [InlineData("Reviewer")]
    public async Task Only_admins_may_read_or_change_settings(string role)
    {
        using var client = await console.ApiClientWithRoleAsync(role);
        var before = await StoredAsync("Retention:RenderedPromptsDays");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri("/api/settings/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SettingsApi.PutAsync(client, "Retention:RenderedPromptsDays", 5, version: 0)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SettingsApi.ResetAsync(client, "Retention:RenderedPromptsDays")).StatusCode);
        Assert.Equal(before, await StoredAsync("Retention:RenderedPromptsDays"));
    }

    [Fact]
    public async Task The_list_says_where_each_effective_value_comes_from()
    {
        using var admin = Admin();

        var burst = await SettingsApi.GetAsync(admin, "AiFlow:RateLimits:ApiBurst");
        var retention = await SettingsApi.GetAsync(admin, "Retention:RenderedPromptsDays");

        // The test console sets its rate limits in its own host settings; nothing sets a retention.
        Assert.Equal(1_000_000, (int)burst["value"]!);
        Assert.NotEqual("default", (string?)burst["source"]);
        Assert.Null(retention["value"]);
        Assert.Equal("default", (string?)retention["source"]);
        Assert.Equal("Retention", (string?)retention["group"]);
        Assert.Contains("30 (RetentionOptions)", (string?)retention["default"], StringComparison.Ordinal);
    }
}
