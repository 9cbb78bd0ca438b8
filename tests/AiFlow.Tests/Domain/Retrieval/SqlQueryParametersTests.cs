using System.Text.Json.Nodes;
using AiFlow.Domain.Retrieval.Sql;

namespace AiFlow.Tests.Domain.Retrieval;

public class SqlQueryParametersTests
{
    private static SqlQueryParameters? Parse(string json, out string? problem) => SqlQueryParameters.Parse(JsonNode.Parse(json)!.AsObject(), out problem);

    [Fact]
    public void Views_alone_take_the_default_row_limit_and_timeout()
    {
        var parameters = Parse("""{"views":["report_runs","report_runs","report_step_runs"]}""", out var problem);

        Assert.Null(problem);
        Assert.Equal(["report_runs", "report_step_runs"], parameters!.Views);
        Assert.Equal(200, parameters.MaxRows);
        Assert.Equal(2000, parameters.TimeoutMs);
    }

    [Theory]
    [InlineData("""{}""", "needs a 'views' parameter")]
    [InlineData("""{"views":[]}""", "needs a 'views' parameter")]
    [InlineData("""{"views":["public.step_runs"]}""", "each view is a lower-case name")]
    [InlineData("""{"views":["Runs"]}""", "each view is a lower-case name")]
    [InlineData("""{"views":["report_runs"],"maxRows":10001}""", "'maxRows' is 10001: a whole number from 1 to 10,000.")]
    [InlineData("""{"views":["report_runs"],"maxRows":0}""", "'maxRows' is 0")]
    [InlineData("""{"views":["report_runs"],"timeoutMs":60000}""", "'timeoutMs' is 60000: a whole number from 1 to 30,000.")]
    [InlineData("""{"views":["report_runs"],"timeoutMs":"2000"}""", "'timeoutMs' is \"2000\"")]
    public void Parameters_out_of_bounds_are_refused_with_the_reason(string json, string reason)
    {
        Assert.Null(Parse(json, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }
}
