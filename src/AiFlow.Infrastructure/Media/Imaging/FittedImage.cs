namespace AiFlow.Infrastructure.Media.Imaging;

/// <summary>An image as it is sent to a model: possibly smaller and re-encoded than the stored asset.</summary>
public sealed record FittedImage(byte[] Bytes, string MimeType, int Width, int Height, bool Resized)
{
    public string DataUrl => $"data:{MimeType};base64,{Convert.ToBase64String(Bytes)}";
}
