namespace AiFlow.Web.Features.Admin;

/// <param name="Message">Why the change was not made, in words for an Admin.</param>
/// <param name="Pointer">The JSON pointer of the request field at fault, for <see cref="UserAdminOutcome.Invalid"/> and <see cref="UserAdminOutcome.Duplicate"/>.</param>
/// <param name="Password">The new one-time password, after a create or a reset.</param>
public sealed record UserAdminResult(UserAdminOutcome Outcome, string? Message = null, string? Pointer = null, UserPassword? Password = null)
{
    public static readonly UserAdminResult Done = new(UserAdminOutcome.Done);

    public static readonly UserAdminResult NotFound = new(UserAdminOutcome.NotFound, "The user no longer exists.");

    public static UserAdminResult Invalid(string pointer, string message) => new(UserAdminOutcome.Invalid, message, pointer);

    public static UserAdminResult Refused(string message) => new(UserAdminOutcome.Refused, message);
}
