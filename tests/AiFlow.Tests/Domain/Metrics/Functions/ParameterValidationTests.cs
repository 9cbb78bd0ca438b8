using System.Text.Json.Nodes;

namespace AiFlow.Tests.Domain.Metrics.Functions;

public class ParameterValidationTests
{
    [Theory]
    [InlineData("regex_match", """{"pattern": "a", "flags": "i"}""", "'flags' is not a parameter of regex_match; it takes pointer, pattern.")]
    [InlineData("latency_ms", """{"pointer": "/a"}""", "'pointer' is not a parameter of latency_ms; it takes none.")]
    [InlineData("regex_match", "{}", "'pattern' is required: A .NET regular expression, e.g. \"^[A-Z]{3}-\\\\d+$\".")]
    [InlineData("contains", """{"value": 3}""", "'value' must be a string, not a number.")]
    [InlineData("numeric_tolerance", """{"absolute": "0.5"}""", "'absolute' must be a number, not a string.")]
    [InlineData("contains", """{"value": "x", "ignoreCase": "yes"}""", "'ignoreCase' must be true or false, not a string.")]
    [InlineData("field_f1", """{"ignore": "/id"}""", "'ignore' must be an array, not a string.")]
    [InlineData("field_f1", """{"ignore": ["/id", 3]}""", "'ignore' item 1 must be a JSON pointer string such as \"/id\", not 3.")]
    [InlineData("length", """{"unit": "lines"}""", "'unit' must be chars, words or items, not \"lines\".")]
    [InlineData("rouge_l", """{"beta": 0}""", "'beta' must be greater than 0.")]
    [InlineData("numeric_tolerance", """{"relative": -0.1}""", "'relative' must be at least 0.")]
    public void Parameters_are_refused_with_a_message_naming_the_parameter(string key, string parameters, string problem)
    {
        var problems = MetricRun.Function(key).ValidateParameters(JsonNode.Parse(parameters)!.AsObject());

        Assert.Equal([problem], problems);
    }

    [Theory]
    [InlineData("sections")]
    [InlineData("/a~2b")]
    [InlineData("/a~")]
    public void A_pointer_parameter_must_be_an_rfc_6901_pointer(string pointer)
    {
        var problems = MetricRun.Function("length").ValidateParameters(new JsonObject { ["pointer"] = pointer });

        Assert.StartsWith("'pointer' must be a JSON pointer", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_regular_expression_is_refused_with_the_parsers_reason()
    {
        var problems = MetricRun.Function("regex_match").ValidateParameters(new JsonObject { ["pattern"] = "(unclosed" });

        Assert.StartsWith("'pattern' is not a valid regular expression: ", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_null_counts_as_not_given()
    {
        var problems = MetricRun.Function("label_accuracy").ValidateParameters(JsonNode.Parse("""{"ignoreCase": 1, "pointer": null}""")!.AsObject());

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("'ignoreCase' must be true or false", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'pointer' is required", StringComparison.Ordinal));
        Assert.Empty(MetricRun.Function("latency_ms").ValidateParameters(null));
        Assert.Empty(MetricRun.Function("length").ValidateParameters(JsonNode.Parse("""{"unit": null}""")!.AsObject()));
    }
}
