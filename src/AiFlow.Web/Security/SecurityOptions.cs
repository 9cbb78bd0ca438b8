using System.ComponentModel.DataAnnotations;

namespace AiFlow.Web.Security;

/// <summary>Bound from <c>AiFlow:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "AiFlow:Security";

    /// <summary>
    /// How often a sign-in cookie and an open circuit are checked against the user's security stamp: a role change
    /// (which renews the stamp) takes effect within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StampValidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
