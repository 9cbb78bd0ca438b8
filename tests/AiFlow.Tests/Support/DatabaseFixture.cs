namespace AiFlow.Tests.Support;

/// <summary>Gives each test class its own migrated database.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await Database.DisposeAsync();
}
