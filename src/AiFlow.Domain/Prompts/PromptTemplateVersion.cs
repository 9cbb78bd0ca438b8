using AiFlow.Domain.Common;

namespace AiFlow.Domain.Prompts;

/// <summary>A Liquid template; optional A/B variants split runs by weight.</summary>
public class PromptTemplateVersion : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PromptTemplateId { get; set; }
    public int Number { get; set; }
    public string SystemPrompt { get; set; } = "";
    public string Template { get; set; } = "";
    public List<string> Variables { get; set; } = [];
    public List<PromptVariant> Variants { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public uint Version { get; set; }
}
