using System.Net;
using AiFlow.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.E2E;

/// <summary>The built-in simulator's model API is open; its stats and reset exist only in demo mode, for Admins.</summary>
[Collection(ConsoleCollection.Name)]
public class SimulatorAdminAccessTests(ConsoleFixture console)
{
    private static readonly Uri Stats = new("/sim/v1/_stats", UriKind.Relative);
    private static readonly Uri Reset = new("/sim/v1/_stats/reset", UriKind.Relative);
    private static readonly Uri Models = new("/sim/v1/models", UriKind.Relative);

    [Fact]
    public async Task In_demo_mode_the_simulators_stats_and_reset_answer_only_an_admin()
    {
        using var anonymous = new HttpClient { BaseAddress = console.App.BaseAddress };
        using var ops = await console.ApiClientWithRoleAsync("Ops");
        using var reviewer = await console.ApiClientWithRoleAsync("Reviewer");
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Stats)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.GetAsync(Stats)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.PostAsync(Reset, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsync(Reset, null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Stats)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Models)).StatusCode);
    }

    [Fact]
    public async Task Outside_demo_mode_the_simulator_serves_its_models_but_has_no_stats_or_reset()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var app = new ConsoleApp(database.ConnectionString, new Dictionary<string, string>
        {
            ["AiFlow:DemoMode"] = "false",
            ["AiFlow:Simulator:Enabled"] = "true",
        });
        app.Start();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Models)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Stats)).StatusCode);
        Assert.DoesNotContain(app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>(),
            e => e.RoutePattern.RawText?.Contains("_stats", StringComparison.Ordinal) == true);
    }
}
