using AiFlow.Domain.Common;

namespace AiFlow.Domain.Access;

/// <summary>A client system's key: only its SHA-256 hash and a short prefix (for recognition) are stored.</summary>
public class ApiKey : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public string Role { get; set; } = Roles.Reviewer;
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public uint Version { get; set; }
}
