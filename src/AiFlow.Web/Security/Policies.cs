namespace AiFlow.Web.Security;

public static class Policies
{
    public const string Admin = "admin";
    public const string AnyRole = "any-role";
}
