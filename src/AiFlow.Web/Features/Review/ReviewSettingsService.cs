using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Review;

/// <summary>Reads and saves the review settings of step versions (label set, rating scale, reviewers, blind mode, lease, guidelines).</summary>
public sealed class ReviewSettingsService(IDbContextFactory<AiFlowDbContext> contexts)
{
    public async Task<List<ReviewSettingsRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.StepVersions.AsNoTracking().OrderBy(v => v.StepDefinition!.Key).ThenBy(v => v.Number)
            .Select(v => new { v.Id, Name = v.StepDefinition!.Key + " v" + v.Number, v.LabelSet, v.RatingScale, v.ReviewersNeeded, v.BlindReview, v.ReviewLeaseMinutes, v.Guidelines })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ReviewSettingsRow
        {
            Id = r.Id, Name = r.Name, Labels = string.Join(", ", r.LabelSet), RatingScale = r.RatingScale, ReviewersNeeded = r.ReviewersNeeded,
            BlindReview = r.BlindReview, LeaseMinutes = r.ReviewLeaseMinutes, Guidelines = r.Guidelines ?? "",
        })];
    }

    /// <summary>Null when saved, else what is wrong.</summary>
    public const int MaxLabels = 30;
    public const int MaxLabelLength = 60;

    public async Task<string?> SaveAsync(ReviewSettingsRow row, CancellationToken cancellationToken)
    {
        if (row.ReviewersNeeded is < 1 or > 20) return "Reviewers needed must be 1..20.";
        if (row.RatingScale is < 0 or > 10) return "Rating scale must be 0 (off) to 10.";
        if (row.LeaseMinutes is < 1 or > 1440) return "Lease must be 1..1440 minutes.";
        var labels = row.Labels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        // Labels are chips a reviewer picks with a number key: a few short words each, not paragraphs.
        if (labels.Count > MaxLabels) return $"At most {MaxLabels} labels.";
        if (labels.FirstOrDefault(l => l.Length > MaxLabelLength) is { } tooLong) return $"Label '{tooLong[..20]}…' is longer than {MaxLabelLength} characters.";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.StepVersions.FirstOrDefaultAsync(v => v.Id == row.Id, cancellationToken);
        if (version is null) return "The step version no longer exists.";
        version.LabelSet = labels;
        version.RatingScale = row.RatingScale;
        version.ReviewersNeeded = row.ReviewersNeeded;
        version.BlindReview = row.BlindReview;
        version.ReviewLeaseMinutes = row.LeaseMinutes;
        version.Guidelines = string.IsNullOrWhiteSpace(row.Guidelines) ? null : row.Guidelines;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
