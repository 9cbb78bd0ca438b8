using System.Text.Json.Nodes;
using CsCheck;

namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>
/// Instances for one schema: a quarter drawn at random, the rest synthesized from the schema and half of those then
/// mutated once or twice. The size CsCheck shrinks on is the node count, so a counterexample shrinks towards a
/// small instance as well as a small schema.
/// </summary>
internal sealed class SchemaInstances : Gen<GeneratedInstance>
{
    private const int SynthesisDepth = 6;
    private readonly JsonNode _schema;

    public SchemaInstances(JsonNode schema)
    {
        _schema = schema;
    }

    public override GeneratedInstance Generate(PCG pcg, Size? min, out Size size)
    {
        var (instance, origin) = pcg.Next(4) switch
        {
            0 => (RandomJson.Value(2).Generate(pcg, null, out _), InstanceOrigin.Random),
            1 => (Synthesize(pcg), InstanceOrigin.Synthesized),
            _ => (Mutate(Synthesize(pcg), pcg), InstanceOrigin.Mutated),
        };

        size = new Size((ulong)CountNodes(instance));
        return new GeneratedInstance(RandomJson.Text(instance, escaped: pcg.Next(2) == 0), origin);
    }

    private JsonNode? Synthesize(PCG pcg) => new InstanceSynthesizer(_schema, pcg).Synthesize(_schema, SynthesisDepth);

    private static JsonNode? Mutate(JsonNode? instance, PCG pcg)
    {
        for (var edits = 1 + pcg.Next(2); edits > 0; edits--)
        {
            instance = InstanceMutator.Mutate(instance, pcg);
        }

        return instance;
    }

    private static int CountNodes(JsonNode? node) => 1 + node switch
    {
        JsonObject o => o.Sum(member => CountNodes(member.Value)),
        JsonArray a => a.Sum(CountNodes),
        _ => 0,
    };
}
