using System.Globalization;
using System.Text;
using AiFlow.Infrastructure.Prompts;

namespace AiFlow.Web.Features.Prompts;

/// <summary>One version as a single text (system prompt, template, each variant under a heading line), so one line diff compares all of it.</summary>
public static class PromptDocument
{
    public static string Of(PromptVersionView version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var text = new StringBuilder();
        text.Append("### system prompt\n").Append(version.SystemPrompt).Append('\n');
        text.Append("### template\n").Append(version.Template);
        foreach (var variant in version.Variants)
        {
            text.Append('\n').Append(CultureInfo.InvariantCulture, $"### variant {variant.Name} (weight {variant.Weight:0.##})\n").Append(variant.Template);
        }
        return text.ToString();
    }
}
