using AiFlow.Domain.Runs;

namespace AiFlow.Tests.Support;

/// <summary>A step run's texts as the readers see them: its one <see cref="StepRunText"/> row, loaded with <c>Include(s => s.Texts)</c>.</summary>
internal static class StepRunTexts
{
    public static string? RenderedPrompt(this StepRun step) => step.Texts.SingleOrDefault()?.RenderedPrompt;

    public static string? RawResponse(this StepRun step) => step.Texts.SingleOrDefault()?.RawResponse;
}
