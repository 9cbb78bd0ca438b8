namespace AiFlow.Web.Features.Access;

public sealed record ApiKeySummary(Guid Id, string Name, string Prefix, string Role, string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);
