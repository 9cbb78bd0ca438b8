namespace AiFlow.Web.Features.Dashboards.Data;

/// <summary>IR validation outcomes of one step version over the range.</summary>
public sealed class ValidationRate
{
    public Guid StepVersionId { get; set; }
    public string Step { get; set; } = "";
    public int Version { get; set; }
    public long Total { get; set; }
    public long Valid { get; set; }

    public double? PassRate => Total == 0 ? null : (double)Valid / Total;
}
