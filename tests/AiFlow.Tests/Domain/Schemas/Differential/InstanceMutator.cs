using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>
/// Small edits to a synthesized instance (a number nudged, a character added, a member dropped, an element
/// duplicated, a value swapped for another type) that push a near-valid instance across a keyword's boundary,
/// and respellings that keep its meaning.
/// </summary>
internal static class InstanceMutator
{
    /// <summary>Returns the mutated instance; the root itself may be replaced.</summary>
    public static JsonNode? Mutate(JsonNode? instance, PCG pcg)
    {
        var slots = new List<(JsonNode? Parent, string? Name, int Index)> { (null, null, -1) };
        Collect(instance, slots);
        var (parent, name, index) = slots[(int)pcg.Next((uint)slots.Count)];
        var current = parent switch
        {
            JsonObject o => o[name!],
            JsonArray a => a[index],
            _ => instance,
        };

        var replacement = Edit(current, pcg);
        switch (parent)
        {
            case JsonObject o:
                o[name!] = replacement;
                return instance;
            case JsonArray a:
                a[index] = replacement;
                return instance;
            default:
                return replacement;
        }
    }

    /// <summary>
    /// The same value written differently (1 as 1.0, 2.5 as 25e-1, members in another order), which must not change
    /// any verdict: it probes the equality and number handling behind const, enum and uniqueItems.
    /// </summary>
    private static JsonNode? Respell(JsonNode? node, PCG pcg)
    {
        if (node is JsonObject o)
        {
            var members = o.Select(m => (m.Key, m.Value?.DeepClone())).ToList();
            var reordered = new JsonObject();
            while (members.Count > 0)
            {
                var next = (int)pcg.Next((uint)members.Count);
                reordered.Add(members[next].Key, members[next].Item2);
                members.RemoveAt(next);
            }

            return reordered;
        }

        if (node is not JsonValue v || NumberText.ToDecimal(v.ToJsonString()) is not { } number)
        {
            return null;
        }

        var text = number.ToString(CultureInfo.InvariantCulture);
        return RandomJson.Number(pcg.Next(2) == 0
            ? text + (text.Contains('.', StringComparison.Ordinal) ? "0" : ".0")
            : (number * 10).ToString(CultureInfo.InvariantCulture) + "e-1");
    }

    private static void Collect(JsonNode? node, List<(JsonNode? Parent, string? Name, int Index)> slots)
    {
        if (node is JsonObject o)
        {
            foreach (var (name, child) in o)
            {
                slots.Add((o, name, -1));
                Collect(child, slots);
            }
        }
        else if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++)
            {
                slots.Add((a, null, i));
                Collect(a[i], slots);
            }
        }
    }

    /// <summary>An edited copy of <paramref name="node"/>, detached so it can take the node's place.</summary>
    private static JsonNode? Edit(JsonNode? node, PCG pcg)
    {
        var choice = pcg.Next(5);
        if (choice == 0)
        {
            return RandomJson.Value(1).Generate(pcg, null, out _);
        }

        if (choice == 4 && Respell(node, pcg) is { } same)
        {
            return same;
        }

        switch (node)
        {
            case JsonObject o:
                var copy = o.DeepClone().AsObject();
                if (copy.Count > 0 && choice == 1)
                {
                    copy.RemoveAt((int)pcg.Next((uint)copy.Count));
                }
                else
                {
                    copy[GrammarPools.PropertyNames[pcg.Next((uint)GrammarPools.PropertyNames.Length)]] = RandomJson.Scalar.Generate(pcg, null, out _);
                }

                return copy;
            case JsonArray a:
                var items = a.DeepClone().AsArray();
                if (items.Count > 0 && choice == 1)
                {
                    items.RemoveAt((int)pcg.Next((uint)items.Count));
                }
                else if (items.Count > 0 && choice == 2)
                {
                    items.Add(items[(int)pcg.Next((uint)items.Count)]?.DeepClone());
                }
                else
                {
                    items.Add(RandomJson.Scalar.Generate(pcg, null, out _));
                }

                return items;
            case JsonValue v when NumberText.ToDecimal(v.ToJsonString()) is { } number:
                return JsonValue.Create(choice == 1 ? number + 1 : choice == 2 ? number - 1 : number + 0.5m);
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>();
                return JsonValue.Create(choice == 1 ? text + "a" : choice == 2 && text.Length > 0 ? text[..^1] : text + "é");
            default:
                return RandomJson.Value(1).Generate(pcg, null, out _);
        }
    }
}
