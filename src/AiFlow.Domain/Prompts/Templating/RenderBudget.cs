using System.Text;

namespace AiFlow.Domain.Prompts.Templating;

/// <summary>What is left of one render's <see cref="TemplateLimits"/>.</summary>
internal sealed class RenderBudget(TemplateLimits limits)
{
    private int iterations;

    public void Iterate()
    {
        if (++iterations > limits.MaxLoopIterations)
        {
            throw new TemplateLimitException($"The template ran more than {limits.MaxLoopIterations:N0} loop iterations; loop over less data or nest fewer loops.");
        }
    }

    public void Wrote(StringBuilder output)
    {
        if (output.Length > limits.MaxOutputLength)
        {
            throw new TemplateLimitException($"The rendered output exceeds {limits.MaxOutputLength:N0} characters (about {limits.MaxOutputLength / 1_000_000.0:0.#} MB).");
        }
    }
}
