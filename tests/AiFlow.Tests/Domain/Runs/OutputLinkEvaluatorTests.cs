using System.Text.Json.Nodes;
using AiFlow.Domain.Runs.Linking;

namespace AiFlow.Tests.Domain.Runs;

public class OutputLinkEvaluatorTests
{
    private const string Ir = """
        {"ticket_id":"T-1","count":7,"ratio":1.50,"blank":" ","none":null,"flag":true,"owner":{"id":"u1"},
         "chunks":[{"id":"c1"},{"id":2},{"other":"x"},{"id":"c1"}],
         "grid":[[1,2],[3]], "list":["a","b"], "odd-key:1":"k"}
        """;

    private static string[] Extract(string declaration, string ir = Ir) =>
        [.. OutputLinkEvaluator.Extract(OutputLinkEvaluator.Parse(JsonNode.Parse(declaration)), JsonNode.Parse(ir))
            .Select(l => $"{l.TargetType}:{l.TargetId}:{l.Relation}")];

    [Theory]
    [InlineData("ticket_id", "t:T-1")]
    [InlineData("count", "t:7")]
    [InlineData("ratio", "t:1.50")] // a number as written, not as a double prints
    [InlineData("owner.id", "t:u1")]
    [InlineData("chunks[*].id", "t:c1|t:2")] // document order, each id once; an element without the field links nothing
    [InlineData("chunks[1].id", "t:2")]
    [InlineData("chunks[9].id", "")]
    [InlineData("grid[*][*]", "t:1|t:2|t:3")]
    [InlineData("grid[0][1]", "t:2")]
    [InlineData("list[*]", "t:a|t:b")]
    [InlineData("odd-key:1", "t:k")]
    [InlineData("missing", "")]
    [InlineData("missing.deeper[*].id", "")]
    [InlineData("owner[0]", "")] // an index into an object reaches nothing
    [InlineData("list.length", "")] // a name on an array reaches nothing
    [InlineData("none", "")]
    [InlineData("blank", "")]
    public void A_path_reaches_the_ids_it_names_and_a_missing_path_links_nothing(string path, string expected)
    {
        var links = Extract($$"""[{"targetType":"t","idPath":"{{path}}"}]""");

        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|').Select(e => e + ":produced").ToArray(), links);
    }

    [Fact]
    public void Declarations_link_in_their_order_with_their_relation_and_repeat_across_types_but_not_within_one()
    {
        var links = Extract("""
            [{"targetType":"tickets","idPath":"ticket_id"},
             {"targetType":"documents","idPath":"chunks[*].id","relation":"chunked"},
             {"targetType":"tickets","idPath":"ticket_id"},
             {"targetType":"tickets","idPath":"ticket_id","relation":"mentioned"}]
            """);

        Assert.Equal(["tickets:T-1:produced", "documents:c1:chunked", "documents:2:chunked", "tickets:T-1:mentioned"], links);
    }

    [Fact]
    public void An_array_ir_can_be_reached_from_its_root()
    {
        Assert.Equal(["rows:r1:produced", "rows:r2:produced"], Extract("""[{"targetType":"rows","idPath":"[*].id"}]""", """[{"id":"r1"},{"id":"r2"}]"""));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    public void No_declaration_and_an_empty_one_declare_no_links(string declaration)
    {
        Assert.Empty(OutputLinkEvaluator.Parse(JsonNode.Parse(declaration)));
        Assert.Empty(OutputLinkEvaluator.Parse(null));
    }

    [Theory]
    [InlineData("""{"targetType":"t","idPath":"x"}""", "Parameter 'outputLinks' must be an array like [{")]
    [InlineData("""["ticket_id"]""", "outputLinks[0] must be an object with 'targetType' and 'idPath'")]
    [InlineData("""[{"targetType":"t","idPath":"x"},{"idPath":"x"}]""", "outputLinks[1] needs 'targetType': the kind of record, like \"tickets\".")]
    [InlineData("""[{"targetType":"","idPath":"x"}]""", "outputLinks[0] 'targetType' must be 1 to 100 letters, digits, '_', '-', '.' or ':' (got \"\").")]
    [InlineData("""[{"targetType":"my tickets","idPath":"x"}]""", "outputLinks[0] 'targetType' must be 1 to 100 letters")]
    [InlineData("""[{"targetType":42,"idPath":"x"}]""", "outputLinks[0] 'targetType' must be 1 to 100 letters, digits, '_', '-', '.' or ':' (got 42).")]
    [InlineData("""[{"targetType":"t","idPath":"x","relation":false}]""", "outputLinks[0] 'relation' must be 1 to 100")]
    [InlineData("""[{"targetType":"t"}]""", "outputLinks[0] needs 'idPath' as a string: where the ids are in the IR")]
    [InlineData("""[{"targetType":"t","idPath":["x"]}]""", "outputLinks[0] needs 'idPath' as a string")]
    [InlineData("""[{"targetType":"t","idpath":"x"}]""", "outputLinks[0] has an unknown key 'idpath'; the keys are targetType, idPath and relation.")]
    [InlineData("""[{"targetType":"t","idPath":""}]""", "outputLinks[0] 'idPath' \"\" is empty.")]
    [InlineData("""[{"targetType":"t","idPath":"a..b"}]""", "outputLinks[0] 'idPath' \"a..b\" has an empty name at position 3.")]
    [InlineData("""[{"targetType":"t","idPath":".a"}]""", "'idPath' \".a\" has an empty name at position 1.")]
    [InlineData("""[{"targetType":"t","idPath":"a."}]""", "'idPath' \"a.\" ends with '.'.")]
    [InlineData("""[{"targetType":"t","idPath":"a.[0]"}]""", "'idPath' \"a.[0]\" has an empty name at position 3.")]
    [InlineData("""[{"targetType":"t","idPath":"a[0"}]""", "'idPath' \"a[0\" has an unclosed '[' at position 2.")]
    [InlineData("""[{"targetType":"t","idPath":"a[-1]"}]""", "'idPath' \"a[-1]\" has '[-1]' at position 2; use [*] for every element or a whole number like [0].")]
    [InlineData("""[{"targetType":"t","idPath":"a[x].id"}]""", "has '[x]' at position 2")]
    [InlineData("""[{"targetType":"t","idPath":"a]"}]""", "'idPath' \"a]\" has a ']' without '[' at position 2.")]
    [InlineData("""[{"targetType":"t","idPath":"a[0]b"}]""", "'idPath' \"a[0]b\" needs a '.' before the name at position 5.")]
    [InlineData("""[{"targetType":"t","idPath":"a. b"}]""", "'idPath' \"a. b\" has a space at position 3.")]
    public void A_malformed_declaration_is_refused_with_a_message_naming_the_entry_and_the_problem(string declaration, string expected)
    {
        var ex = Assert.Throws<OutputLinkException>(() => OutputLinkEvaluator.Parse(JsonNode.Parse(declaration)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);

        Assert.False(OutputLinkEvaluator.TryParse(JsonNode.Parse(declaration), out var declarations, out var problem));
        Assert.Empty(declarations);
        Assert.Equal(ex.Message, problem);
    }

    [Theory]
    [InlineData("owner", "found an object in the IR; an id must be a string or a number.")]
    [InlineData("grid[*]", "found an array in the IR")]
    [InlineData("flag", "found a boolean in the IR")]
    public void A_value_that_cannot_be_an_id_is_an_error_naming_the_link(string path, string expected)
    {
        var ex = Assert.Throws<OutputLinkException>(() => Extract($$"""[{"targetType":"t","idPath":"{{path}}"}]"""));

        Assert.StartsWith($"The output link to 't' at \"{path}\" {expected}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_longer_than_the_limit_is_an_error()
    {
        var ir = new JsonObject { ["id"] = new string('x', OutputLinkEvaluator.MaxIdLength + 1) }.ToJsonString();

        var ex = Assert.Throws<OutputLinkException>(() => Extract("""[{"targetType":"t","idPath":"id"}]""", ir));

        Assert.Equal("The output link to 't' at \"id\" found an id of 257 characters; ids are limited to 256.", ex.Message);
    }

    [Fact]
    public void A_step_may_link_up_to_the_cap_and_one_more_is_an_error()
    {
        static string Ids(int n) => new JsonObject { ["ids"] = new JsonArray([.. Enumerable.Range(1, n).Select(i => (JsonNode)i)]) }.ToJsonString();
        const string declaration = """[{"targetType":"t","idPath":"ids[*]"}]""";

        Assert.Equal(OutputLinkEvaluator.MaxLinksPerStep, Extract(declaration, Ids(OutputLinkEvaluator.MaxLinksPerStep)).Length);
        var ex = Assert.Throws<OutputLinkException>(() => Extract(declaration, Ids(OutputLinkEvaluator.MaxLinksPerStep + 1)));
        Assert.Equal("The IR names more than 1,000 output links; a step may link at most 1,000 records.", ex.Message);
    }
}
