namespace AiFlow.Web.Features.Review;

/// <summary>Personal: my decisions against my decisions plus what is still open to me. Global: completed items against all.</summary>
public sealed record ReviewProgress(int MyDecisions, int OpenToMe, int Completed, int Total)
{
    public double Personal => MyDecisions + OpenToMe == 0 ? 0 : 100.0 * MyDecisions / (MyDecisions + OpenToMe);
    public double Global => Total == 0 ? 0 : 100.0 * Completed / Total;
}
