using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiFlow.Infrastructure.Inference.Simulator;

namespace AiFlow.Tests.Infrastructure.Inference.Simulator;

public sealed class SchemaInstanceGeneratorTests
{
    private const string Complaint =
        "Hello, my name is Maria Lopez and I was charged twice for order TCK-4821. "
        + "Please refund the duplicate payment of 49.99 USD. I also cannot login since yesterday.";

    private static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static JsonObject Generate(string schema, string prompt) =>
        SchemaInstanceGenerator.Generate(Schema(schema), prompt)!.AsObject();

    [Fact]
    public void Generator_is_deterministic_for_the_same_schema_and_prompt()
    {
        var schema = Schema("""{"type":"object","properties":{"summary":{"type":"string"},"amount":{"type":"number"}}}""");

        Assert.Equal(
            SchemaInstanceGenerator.GenerateJson(schema, Complaint),
            SchemaInstanceGenerator.GenerateJson(schema, Complaint));
        Assert.NotEqual(
            SchemaInstanceGenerator.GenerateJson(schema, Complaint),
            SchemaInstanceGenerator.GenerateJson(schema, "The parcel arrived broken. Refund 12 EUR."));
    }

    [Fact]
    public void Enum_value_is_chosen_by_word_overlap_with_the_prompt()
    {
        const string schema = """
            {"type":"object","required":["sentiment"],
             "properties":{"sentiment":{"type":"string","enum":["positive","negative","neutral"]}}}
            """;

        Assert.Equal("negative", Generate(schema, "A clearly negative review: it broke.")["sentiment"]!.GetValue<string>());
        Assert.Equal("positive", Generate(schema, "Overall a positive experience.")["sentiment"]!.GetValue<string>());
    }

    [Fact]
    public void Numbers_come_from_the_prompt_and_respect_type_and_bounds()
    {
        const string schema = """
            {"type":"object","required":["amount","quantity","rating"],
             "properties":{
               "amount":{"type":"number"},
               "quantity":{"type":"integer","minimum":1},
               "rating":{"type":"integer","minimum":1,"maximum":5}}}
            """;

        var result = Generate(schema, "Amount: 49.99 for quantity 7 items, rating 9 out of 10.");

        Assert.Equal(49.99, result["amount"]!.GetValue<double>());
        Assert.Equal(7, result["quantity"]!.GetValue<long>());
        Assert.Equal(5, result["rating"]!.GetValue<long>());
    }

    [Fact]
    public void Required_properties_are_present_and_no_undeclared_property_is_added()
    {
        const string schema = """
            {"type":"object","additionalProperties":false,"required":["a","b"],
             "properties":{"a":{"type":"string"},"b":{"type":"boolean"},"c":{"type":"string"},"d":{"type":"integer"}}}
            """;

        foreach (var prompt in (string[])[Complaint, "x", string.Empty])
        {
            var result = Generate(schema, prompt);
            Assert.Equal(JsonValueKind.String, result["a"]!.GetValueKind());
            Assert.Contains(result["b"]!.GetValueKind(), (JsonValueKind[])[JsonValueKind.True, JsonValueKind.False]);
            Assert.All(result, p => Assert.Contains(p.Key, (string[])["a", "b", "c", "d"]));
        }
    }

    [Fact]
    public void Refs_nested_objects_arrays_const_and_any_of_are_honoured()
    {
        const string schema = """
            {"type":"object","required":["items","mode","contact"],
             "$defs":{"item":{"type":"object","required":["title","qty"],
                      "properties":{"title":{"type":"string"},"qty":{"type":"integer","minimum":1}}}},
             "properties":{
               "items":{"type":"array","items":{"$ref":"#/$defs/item"},"minItems":2,"maxItems":2},
               "mode":{"const":"auto"},
               "contact":{"anyOf":[{"type":"object","required":["phone"],"properties":{"phone":{"type":"string"}}},{"type":"null"}]}}}
            """;

        var result = Generate(schema, Complaint);

        var items = result["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.All(items, item =>
        {
            Assert.Equal(JsonValueKind.String, item!["title"]!.GetValueKind());
            Assert.True(item["qty"]!.GetValue<long>() >= 1);
        });
        Assert.Equal("auto", result["mode"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.String, result["contact"]!["phone"]!.GetValueKind());
    }

    [Fact]
    public void String_formats_are_well_formed()
    {
        const string schema = """
            {"type":"object","required":["day","at","email","site","id"],
             "properties":{
               "day":{"type":"string","format":"date"},"at":{"type":"string","format":"date-time"},
               "email":{"type":"string","format":"email"},"site":{"type":"string","format":"uri"},
               "id":{"type":"string","format":"uuid"}}}
            """;

        var result = Generate(schema, Complaint);

        Assert.True(DateTime.TryParseExact(result["day"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        Assert.True(DateTimeOffset.TryParse(result["at"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        Assert.Matches(@"^[^@\s]+@[^@\s]+\.[a-z]+$", result["email"]!.GetValue<string>());
        Assert.True(Uri.TryCreate(result["site"]!.GetValue<string>(), UriKind.Absolute, out _));
        Assert.True(Guid.TryParse(result["id"]!.GetValue<string>(), out _));
    }

    [Fact]
    public void Patterns_and_length_limits_are_respected()
    {
        const string schema = """
            {"type":"object","required":["ticket","code","short","long"],
             "properties":{
               "ticket":{"type":"string","pattern":"^TCK-[0-9]{4}$"},
               "code":{"type":"string","pattern":"^[A-Z]{3}-\\d{2}$"},
               "short":{"type":"string","maxLength":10},
               "long":{"type":"string","minLength":300}}}
            """;

        var result = Generate(schema, Complaint);

        Assert.Equal("TCK-4821", result["ticket"]!.GetValue<string>());
        Assert.Matches(new Regex("^[A-Z]{3}-\\d{2}$"), result["code"]!.GetValue<string>());
        Assert.True(result["short"]!.GetValue<string>().Length <= 10);
        Assert.True(result["long"]!.GetValue<string>().Length >= 300);
    }

    [Fact]
    public void Names_and_labelled_values_are_taken_from_the_prompt()
    {
        const string schema = """
            {"type":"object","required":["customerName","status","tags"],
             "properties":{"customerName":{"type":"string"},"status":{"type":"string"},
               "tags":{"type":"array","items":{"type":"string"}}}}
            """;

        var result = Generate(schema, "Ticket opened by Maria Lopez. Status: waiting for parts. Tags: billing, refund");

        Assert.Equal("Maria Lopez", result["customerName"]!.GetValue<string>());
        Assert.Equal("waiting for parts", result["status"]!.GetValue<string>());
        Assert.Equal("billing", result["tags"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Unique_enum_arrays_list_the_mentioned_values_once()
    {
        const string schema = """
            {"type":"object","required":["topics"],
             "properties":{"topics":{"type":"array","uniqueItems":true,"minItems":1,
               "items":{"type":"string","enum":["billing","shipping","refund","login"]}}}}
            """;

        var topics = Generate(schema, Complaint)["topics"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();

        Assert.Equal(topics.Distinct().Count(), topics.Count);
        Assert.Contains("refund", topics);
        Assert.Contains("login", topics);
        Assert.DoesNotContain("shipping", topics);
    }
}
