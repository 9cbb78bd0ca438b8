using System.Text.Json.Nodes;
using AiFlow.Domain.Schemas.Authoring;
using AiFlow.Domain.Schemas.Validation;

namespace AiFlow.Tests.Domain.Schemas;

public class SchemaInferrerTests
{
    private static JsonObject Infer(string sample) => SchemaInferrer.Infer(JsonNode.Parse(sample));

    [Fact]
    public void An_object_sample_gives_each_key_its_type_and_requires_every_key()
    {
        var schema = Infer("""{"name":"Ann","age":41,"score":9.5,"vip":true,"note":null}""");

        Assert.Equal(SchemaInferrer.Draft202012, schema["$schema"]!.GetValue<string>());
        Assert.Equal("object", schema["type"]!.GetValue<string>());
        var types = schema["properties"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!["type"]!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string> { ["name"] = "string", ["age"] = "integer", ["score"] = "number", ["vip"] = "boolean", ["note"] = "null" }, types);
        Assert.Equal(["name", "age", "score", "vip", "note"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Nested_objects_get_their_own_properties_and_required_keys()
    {
        var schema = Infer("""{"customer":{"id":"c1","address":{"city":"Oslo"}}}""");

        var customer = schema["properties"]!["customer"]!;
        Assert.Equal("object", customer["type"]!.GetValue<string>());
        Assert.Equal(["id", "address"], customer["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("string", customer["properties"]!["address"]!["properties"]!["city"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void An_array_gets_one_item_schema_that_requires_only_keys_every_element_has()
    {
        var schema = Infer("""{"lines":[{"sku":"a","qty":1},{"sku":"b","qty":2.5,"gift":true}]}""");

        var items = schema["properties"]!["lines"]!["items"]!;
        Assert.Equal("array", schema["properties"]!["lines"]!["type"]!.GetValue<string>());
        Assert.Equal(["sku", "qty"], items["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("number", items["properties"]!["qty"]!["type"]!.GetValue<string>());
        Assert.Equal("boolean", items["properties"]!["gift"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Mixed_element_types_become_a_type_list_and_an_empty_array_has_no_item_schema()
    {
        var schema = Infer("""{"tags":["a",null,"b"],"empty":[]}""");

        Assert.Equal(["string", "null"], schema["properties"]!["tags"]!["items"]!["type"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Null(schema["properties"]!["empty"]!["items"]);
    }

    [Fact]
    public void The_inferred_schema_passes_the_meta_schema_and_accepts_its_own_sample()
    {
        const string sample = """{"id":"x","lines":[{"sku":"a","qty":1}],"meta":{"tags":["t"],"ok":false}}""";

        var schema = Infer(sample).ToJsonString();

        Assert.True(MetaSchemaValidator.IsValid(System.Text.Json.JsonDocument.Parse(schema).RootElement));
        Assert.True(JsonSchemaCompiler.Compile(schema).Validate(System.Text.Json.JsonDocument.Parse(sample).RootElement).IsValid);
    }
}
