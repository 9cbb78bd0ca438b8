using AiFlow.Infrastructure.Runs;

namespace AiFlow.Tests.Infrastructure.Runs;

public class PipelineInputCheckTests
{
    private const string Schema = """{"type":"object","required":["name"],"properties":{"name":{"type":"string"}}}""";

    [Fact]
    public void A_pipeline_without_an_input_schema_has_no_check()
    {
        Assert.Null(PipelineInputCheck.For(null));
        Assert.Null(PipelineInputCheck.For("  "));
    }

    [Fact]
    public void A_matching_input_has_no_errors()
    {
        Assert.Empty(PipelineInputCheck.For(Schema)!.Errors("""{"name":"Ada"}"""));
    }

    [Fact]
    public void A_refusal_names_the_first_error_at_its_location_and_points_into_the_body_input()
    {
        var errors = PipelineInputCheck.For(Schema)!.Errors("""{"name":1}""");

        Assert.StartsWith("The input does not match the pipeline's input schema: /name ", PipelineInputCheck.Describe(errors), StringComparison.Ordinal);
        Assert.Equal("/input/name", PipelineInputCheck.Pointer(errors));
    }

    [Fact]
    public void An_error_about_the_whole_input_is_worded_as_about_the_input()
    {
        var errors = PipelineInputCheck.For(Schema)!.Errors("{}");

        Assert.StartsWith("The input does not match the pipeline's input schema: the input ", PipelineInputCheck.Describe(errors), StringComparison.Ordinal);
        Assert.Equal("/input", PipelineInputCheck.Pointer(errors));
        Assert.Equal("The input does not match the pipeline's input schema.", PipelineInputCheck.Describe([]));
    }
}
