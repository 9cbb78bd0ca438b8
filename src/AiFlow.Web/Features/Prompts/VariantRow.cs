namespace AiFlow.Web.Features.Prompts;

/// <summary>An A/B variant while it is edited; <see cref="RowKey"/> keeps each row's text box when another row is removed.</summary>
public sealed class VariantRow
{
    public Guid RowKey { get; } = Guid.NewGuid();
    public string Name { get; set; } = "";
    public double Weight { get; set; } = 1;
    public string Template { get; set; } = "";
}
