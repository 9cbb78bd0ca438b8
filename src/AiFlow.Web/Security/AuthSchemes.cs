namespace AiFlow.Web.Security;

public static class AuthSchemes
{
    /// <summary>Chooses the API-key handler when a bearer token is present, otherwise Identity's cookie.</summary>
    public const string Smart = "Smart";
}
