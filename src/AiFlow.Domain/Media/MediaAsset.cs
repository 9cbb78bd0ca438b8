namespace AiFlow.Domain.Media;

public class MediaAsset
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string FileName { get; set; } = "";
    public string MimeType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = "";
    public string StoragePath { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
