namespace AiFlow.Domain.Media;

public enum MediaKind { Image, Audio, Video }
