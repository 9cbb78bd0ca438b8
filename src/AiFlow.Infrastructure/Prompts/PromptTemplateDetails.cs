namespace AiFlow.Infrastructure.Prompts;

/// <summary>A template with all its versions, newest first.</summary>
public sealed record PromptTemplateDetails(Guid Id, string Key, string Name, IReadOnlyList<PromptVersionView> Versions)
{
    public PromptVersionView? Latest => Versions.Count > 0 ? Versions[0] : null;
}
