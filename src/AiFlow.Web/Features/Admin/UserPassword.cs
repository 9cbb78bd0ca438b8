namespace AiFlow.Web.Features.Admin;

/// <summary>
/// The only moment a one-time password exists in the clear: shown once to the Admin, stored only as Identity's hash.
/// The user must choose their own password at their next sign-in.
/// </summary>
public sealed record UserPassword(string Id, string Email, string OneTimePassword);
