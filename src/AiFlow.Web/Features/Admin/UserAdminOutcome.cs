namespace AiFlow.Web.Features.Admin;

public enum UserAdminOutcome
{
    Done,

    /// <summary>No user has that id.</summary>
    NotFound,

    /// <summary>A field is wrong (named by <see cref="UserAdminResult.Pointer"/>); nothing was saved.</summary>
    Invalid,

    /// <summary>Another user has the e-mail.</summary>
    Duplicate,

    /// <summary>The change would lock Admins out: disabling oneself, or leaving no enabled Admin.</summary>
    Refused,
}
