namespace AiFlow.Domain.Access;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Reviewer = "Reviewer";
    public const string Ops = "Ops";

    public static readonly IReadOnlyList<string> All = [Admin, Reviewer, Ops];
}
