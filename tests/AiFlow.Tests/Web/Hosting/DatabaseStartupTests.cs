using AiFlow.Tests.Support;
using Npgsql;

namespace AiFlow.Tests.Web.Hosting;

/// <summary>A console pointed at the wrong database says what to fix and exits, instead of dying with a stack trace.</summary>
public class DatabaseStartupTests
{
    [Fact]
    public async Task A_console_pointed_at_a_database_that_does_not_exist_exits_naming_it_and_what_to_do()
    {
        var missing = "aiflow_missing_" + Guid.NewGuid().ToString("N")[..8];
        var connection = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Database = missing }.ConnectionString;
        await using var node = WorkerProcess.Start(connection, new Dictionary<string, string> { ["AiFlow__Execution__Role"] = "web" });

        var exit = await node.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(1, exit);
        Assert.Contains($"Cannot use the database {missing}", node.Output, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__AiFlow", node.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", node.Output, StringComparison.Ordinal);
    }
}
