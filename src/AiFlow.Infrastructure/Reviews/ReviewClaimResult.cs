namespace AiFlow.Infrastructure.Reviews;

public sealed record ReviewClaimResult(Guid ItemId, int Slot, DateTimeOffset LeaseExpiresAt);
