using System.Text.Json.Nodes;
using AiFlow.Domain.Schemas.Authoring;

namespace AiFlow.Tests.Domain.Schemas;

public class SchemaFormModelTests
{
    private static SchemaFormField Build(string schema) => SchemaFormModel.Build(JsonNode.Parse(schema));

    [Fact]
    public void Properties_become_fields_with_their_types_required_flags_and_choices_in_schema_order()
    {
        var form = Build("""
            {"type":"object","required":["status"],
             "properties":{"status":{"enum":["open","closed"]},"count":{"type":["integer","null"],"minimum":0},"email":{"type":"string","format":"email","description":"Who to tell"}}}
            """);

        Assert.Equal("object", form.Type);
        Assert.Equal(["status", "count", "email"], form.Fields.Select(f => f.Name));
        var status = form.Fields[0];
        Assert.True(status.Required);
        Assert.Equal(["open", "closed"], status.Choices);
        Assert.Equal("/status", status.Path);
        var count = form.Fields[1];
        Assert.False(count.Required);
        Assert.Equal("integer | null", count.Type);
        Assert.Equal(["minimum 0"], count.Constraints);
        Assert.Equal(("email", "Who to tell"), (form.Fields[2].Format, form.Fields[2].Description));
    }

    [Fact]
    public void Nested_objects_and_array_items_nest_their_fields_with_paths()
    {
        var form = Build("""
            {"properties":{"customer":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]},
                           "lines":{"type":"array","minItems":1,"items":{"type":"object","properties":{"sku":{"type":"string"}},"additionalProperties":false}}}}
            """);

        var customer = form.Fields.Single(f => f.Name == "customer");
        Assert.Equal("/customer/name", customer.Fields.Single().Path);
        Assert.True(customer.Fields.Single().Required);
        var lines = form.Fields.Single(f => f.Name == "lines");
        Assert.Equal(["min items 1"], lines.Constraints);
        Assert.Equal("/lines/*", lines.Items!.Path);
        Assert.Equal("/lines/*/sku", lines.Items.Fields.Single().Path);
        Assert.Contains("no other keys", lines.Items.Constraints);
    }

    [Fact]
    public void Local_refs_are_followed_and_a_recursive_one_is_shown_once()
    {
        var form = Build("""
            {"$defs":{"node":{"type":"object","properties":{"label":{"type":"string"},"children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}},
             "type":"object","properties":{"root":{"$ref":"#/$defs/node","description":"The top"}}}
            """);

        var root = form.Fields.Single();
        Assert.Equal("object", root.Type);
        Assert.Equal("The top", root.Description);
        Assert.Equal(["label", "children"], root.Fields.Select(f => f.Name));
        Assert.Equal("recursive (#/$defs/node)", root.Fields[1].Items!.Type);
    }

    [Fact]
    public void AllOf_branches_merge_into_one_form_and_oneOf_shows_its_options()
    {
        var form = Build("""
            {"allOf":[{"properties":{"a":{"type":"string"}},"required":["a"]},{"properties":{"b":{"const":1}}}],
             "properties":{"c":{"oneOf":[{"type":"string"},{"type":"number"}]}}}
            """);

        Assert.Equal(["c", "a", "b"], form.Fields.Select(f => f.Name).ToList());
        Assert.True(form.Fields.Single(f => f.Name == "a").Required);
        Assert.Equal(["1"], form.Fields.Single(f => f.Name == "b").Choices);
        Assert.Equal(["string", "number"], form.Fields.Single(f => f.Name == "c").Variants.Select(v => v.Type));
    }

    [Fact]
    public void Boolean_schemas_and_schemas_without_type_are_described_plainly()
    {
        Assert.Equal("any", Build("true").Type);
        Assert.Equal("nothing (always invalid)", Build("false").Type);
        Assert.Equal("any", Build("{}").Type);
    }
}
