namespace AiFlow.Infrastructure.Media.Upload;

/// <summary>Why an upload was refused; each maps to one HTTP status (413, 415, 415, 400).</summary>
public enum MediaRefusal { TooLarge, UnsupportedType, TypeMismatch, Corrupt }
