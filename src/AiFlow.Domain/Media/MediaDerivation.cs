namespace AiFlow.Domain.Media;

/// <summary>How a derived asset came from its source; <see cref="Resized"/> is an image sized down for a model that fetches it by URL.</summary>
public enum MediaDerivation { Frame, AudioTrack, Resized }
