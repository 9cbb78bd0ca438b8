namespace AiFlow.Domain.Media;

/// <summary>How a derived asset came from its source.</summary>
public enum MediaDerivation { Frame, AudioTrack }
