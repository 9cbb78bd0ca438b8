namespace AiFlow.Web.Features.Review;

/// <summary>An editable copy of a step version's review settings.</summary>
public sealed class ReviewSettingsRow
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Labels { get; set; } = "";
    public int RatingScale { get; set; }
    public int ReviewersNeeded { get; set; } = 1;
    public bool BlindReview { get; set; }
    public int LeaseMinutes { get; set; } = 10;
    public string Guidelines { get; set; } = "";
}
