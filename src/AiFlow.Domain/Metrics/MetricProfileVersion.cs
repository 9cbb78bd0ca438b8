namespace AiFlow.Domain.Metrics;

/// <summary>One save of a <see cref="MetricProfile"/>, as it was then: immutable, numbered from 1, with who saved it and when.</summary>
public class MetricProfileVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MetricProfileId { get; set; }
    public int Number { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public List<MetricTarget> Targets { get; set; } = [];
    public string SavedBy { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }

    public static MetricProfileVersion Of(MetricProfile p, string savedBy, DateTimeOffset savedAt)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new() { MetricProfileId = p.Id, Number = p.Number, Key = p.Key, Name = p.Name, Targets = [.. p.Targets], SavedBy = savedBy, SavedAt = savedAt };
    }
}
