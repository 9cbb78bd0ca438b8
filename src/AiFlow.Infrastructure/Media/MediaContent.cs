using AiFlow.Domain.Media;

namespace AiFlow.Infrastructure.Media;

/// <summary>An asset and its bytes, read whole: media sent to a model is bounded by the upload limit.</summary>
public sealed record MediaContent(MediaAsset Asset, byte[] Bytes);
