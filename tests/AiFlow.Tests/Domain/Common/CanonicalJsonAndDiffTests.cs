using System.Text.Json.Nodes;
using AiFlow.Domain.Common;

namespace AiFlow.Tests.Domain.Common;

public class CanonicalJsonAndDiffTests
{
    [Fact]
    public void Canonical_json_sorts_keys_at_every_depth_so_equal_inputs_hash_alike()
    {
        Assert.Equal("""{"a":[{"x":1,"y":2}],"b":true}""", CanonicalJson.Canonicalize("""{ "b": true, "a": [ { "y": 2, "x": 1 } ] }"""));
        Assert.Equal(CanonicalJson.Sha256("""{"b":1,"a":2}"""), CanonicalJson.Sha256("""{"a":2, "b":1}"""));
        Assert.Equal(64, CanonicalJson.Sha256("{}").Length);
    }

    [Fact]
    public void Json_diff_names_changed_added_and_removed_pointers()
    {
        var before = JsonNode.Parse("""{"a":1,"b":{"c":"x"},"list":[1,2],"gone":true,"k/e~y":0}""");
        var after = JsonNode.Parse("""{"a":2,"b":{"c":"x","d":1},"list":[1],"k/e~y":0}""");

        var changes = JsonDiff.Compare(before, after).Select(c => $"{c.Kind} {c.Pointer}").Order().ToList();

        Assert.Equal(["Added /b/d", "Changed /a", "Removed /gone", "Removed /list/1"], changes);
    }
}
