using AiFlow.Domain.Media;

namespace AiFlow.Web.Features.Media;

/// <summary>One asset a step sent, as a page shows it: its signed address and what is known about it.</summary>
public sealed record StepMediaItem(Guid Id, MediaKind Kind, string MimeType, string FileName, int? Width, int? Height, long? OffsetMs, string? Url, string? Missing);
