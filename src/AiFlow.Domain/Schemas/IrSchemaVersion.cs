using AiFlow.Domain.Common;

namespace AiFlow.Domain.Schemas;

public class IrSchemaVersion : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid IrSchemaId { get; set; }
    public IrSchema? IrSchema { get; set; }
    public int Number { get; set; }
    /// <summary>JSON Schema draft 2020-12 document (jsonb).</summary>
    public string SchemaJson { get; set; } = "{}";
    public bool AssertFormats { get; set; }
    public bool IsActive { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public uint Version { get; set; }
}
