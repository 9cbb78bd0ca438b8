using System.Text;
using System.Text.Json;
using AiFlow.Domain.Schemas.Validation;

namespace AiFlow.Tests.Domain.Schemas;

/// <summary>
/// <c>properties</c>, <c>required</c> and <c>additionalProperties</c> side by side are checked in one walk over an
/// instance's members; these compare it with the same keywords kept apart by a keyword between them, which the
/// compiler leaves unfused.
/// </summary>
public sealed class ObjectMembersKeywordTests
{
    private const string Fused = """
        {
          "type": "object",
          "additionalProperties": { "type": "integer" },
          "required": ["id", "name"],
          "properties": { "id": { "type": "string", "minLength": 2 }, "name": { "type": "string" }, "note": { "type": "string" } }
        }
        """;

    // The same keywords, each separated from the next by one that cannot join the walk.
    private const string Apart = """
        {
          "additionalProperties": { "type": "integer" },
          "type": "object",
          "required": ["id", "name"],
          "minProperties": 0,
          "properties": { "id": { "type": "string", "minLength": 2 }, "name": { "type": "string" }, "note": { "type": "string" } }
        }
        """;

    public static TheoryData<string> Instances() =>
    [
        """{"id":"ab","name":"Ada"}""",
        """{"name":"Ada","id":"ab","note":"n","extra":3}""",
        """{"id":"ab"}""",
        """{}""",
        """{"id":"a","name":"Ada"}""",
        """{"id":"ab","name":"Ada","extra":"three"}""",
        """{"extra":1.5,"id":7}""",
        """{"id":"ab","name":"Ada","id":"c"}""",
        """{"n\u0061me":"Ada","id":"ab"}""",
        """[1,2]""",
    ];

    [Theory]
    [MemberData(nameof(Instances))]
    public void One_walk_gives_the_answer_and_the_errors_of_the_three_keywords_apart(string instance)
    {
        var fused = JsonSchemaCompiler.Compile(Fused);
        var apart = JsonSchemaCompiler.Compile(Apart);
        var element = Parse(instance);

        var expected = apart.Validate(element);
        var actual = fused.Validate(element);

        Assert.Equal(expected.IsValid, fused.IsValid(element));
        Assert.Equal(expected.IsValid, actual.IsValid);
        Assert.Equal(
            expected.Errors.Select(e => (e.InstanceLocation, e.KeywordLocation, e.Message)).Order(),
            actual.Errors.Select(e => (e.InstanceLocation, e.KeywordLocation, e.Message)).Order());
    }

    [Fact]
    public void A_failing_object_lists_its_errors_in_the_order_of_the_schemas_keywords()
    {
        var result = JsonSchemaCompiler.Compile(Fused).Validate(Parse("""{"id":"a","extra":"x"}"""));

        Assert.Equal(
            ["/additionalProperties/type", "/required", "/properties/id/minLength"],
            result.Errors.Select(e => e.KeywordLocation));
    }

    [Fact]
    public void Members_the_walk_evaluated_count_as_evaluated_for_unevaluated_properties()
    {
        var schema = JsonSchemaCompiler.Compile("""
            {
              "allOf": [ { "required": ["a"], "properties": { "a": { "type": "integer" } }, "additionalProperties": { "type": "string" } } ],
              "unevaluatedProperties": false
            }
            """);

        Assert.True(schema.IsValid(Parse("""{"a":1,"b":"x"}""")));
        Assert.False(schema.IsValid(Parse("""{"a":"one"}""")));
    }

    [Fact]
    public void A_required_name_that_properties_does_not_declare_is_still_required()
    {
        var schema = JsonSchemaCompiler.Compile("""{ "required": ["a", "b"], "properties": { "a": true } }""");

        Assert.True(schema.IsValid(Parse("""{"a":1,"b":2}""")));
        var error = Assert.Single(schema.Validate(Parse("""{"a":1}""")).Errors);
        Assert.Equal("`/b` is required at the root value", error.Message);
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(json));
        return document.RootElement.Clone();
    }
}
