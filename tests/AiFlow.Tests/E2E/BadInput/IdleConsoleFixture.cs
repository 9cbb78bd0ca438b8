using AiFlow.Tests.Support;

namespace AiFlow.Tests.E2E.BadInput;

/// <summary>
/// A console that executes nothing in the background (execution role <c>web</c>: Quartz schedules but never runs jobs), so
/// that any row written while a test runs was written by its requests; its statement timeout is a short
/// <see cref="StatementTimeoutSeconds"/>, so a test can run a query past it.
/// </summary>
public sealed class IdleConsoleFixture : IAsyncLifetime
{
    public const int StatementTimeoutSeconds = 3;

    public TestDatabase Database { get; private set; } = null!;
    public ConsoleApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(migrate: false);
        App = new ConsoleApp(Database.ConnectionString, new Dictionary<string, string>
        {
            ["AiFlow:Execution:Role"] = "web",
            ["AiFlow:Database:StatementTimeoutSeconds"] = StatementTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        App.Start();
    }

    public HttpClient AdminClient()
    {
        var client = new HttpClient { BaseAddress = App.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ConsoleApp.DemoApiKey);
        return client;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
