namespace AiFlow.Infrastructure.Media.Upload;

/// <summary>One refused file: which, why, and a sentence the uploader can act on.</summary>
public sealed record MediaUploadProblem(MediaRefusal Kind, string FileName, string Message);
