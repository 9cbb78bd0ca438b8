using System.Buffers.Binary;
using System.Security.Cryptography;
using AiFlow.Domain.Prompts;

namespace AiFlow.Infrastructure.Prompts;

/// <summary>
/// A/B assignment: the run id (and the node key, when given) is hashed (SHA-256) to a point in [0, 1) and the variants'
/// weights split that interval, so a node of a run always gets the same variant (a retry or a resume does not flip it)
/// and the split follows the weights.
/// </summary>
public static class PromptVariantSelector
{
    public static SelectedPrompt Select(PromptTemplateVersion version, Guid runId, string? nodeKey = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        var variants = version.Variants.Where(v => v.Weight > 0).ToList();
        if (variants.Count == 0)
        {
            return new SelectedPrompt(null, version.Template);
        }

        var point = Point(runId, nodeKey) * variants.Sum(v => v.Weight);
        foreach (var variant in variants)
        {
            point -= variant.Weight;
            if (point < 0)
            {
                return new SelectedPrompt(variant.Name, variant.Template);
            }
        }

        var last = variants[^1];
        return new SelectedPrompt(last.Name, last.Template);
    }

    /// <summary>A uniform point in [0, 1) from the run id and node key; without a node key, from the run id alone.</summary>
    internal static double Point(Guid runId, string? nodeKey = null)
    {
        var seed = new byte[16 + System.Text.Encoding.UTF8.GetByteCount(nodeKey ?? "")];
        runId.TryWriteBytes(seed);
        System.Text.Encoding.UTF8.GetBytes(nodeKey ?? "", seed.AsSpan(16));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(seed, hash);
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) / (double)(1UL << 53);
    }
}
