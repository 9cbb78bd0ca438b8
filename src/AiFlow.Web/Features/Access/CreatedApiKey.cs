namespace AiFlow.Web.Features.Access;

/// <summary>The only moment the plain key exists: it is shown once and never stored.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Role, string Key);
