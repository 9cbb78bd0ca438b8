using AiFlow.Tests.Support;
using AiFlow.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Web.Security;

/// <summary>
/// The running console's endpoints against <see cref="AccessTable"/>: every route declares a named policy (or allows
/// anonymous callers) whose roles are the table's, and every table entry has a route.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class AuthorizationTableTests(ConsoleFixture console)
{
    /// <summary>Endpoints the framework maps for itself; they carry no policy of ours.</summary>
    private static readonly (string Prefix, string Reason)[] Exempt =
    [
        ("/_blazor", "Blazor's circuit hub (negotiate, disconnect, initializers): each page authorizes its user inside the circuit"),
        ("/_framework/", "Blazor's redirect helper for enhanced navigation: the same for everybody"),
        ("{**path:file}", "Development only: MapStaticAssets' fallback for static web assets changed since the build"),
    ];

    [Fact]
    public async Task Every_route_declares_the_policy_the_access_table_gives_it_and_every_table_entry_has_a_route()
    {
        var provider = console.App.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var endpoints = console.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var problems = new List<string>();
        var mapped = new HashSet<string>(StringComparer.Ordinal);

        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (IsExempt(endpoint, pattern)) continue;
            var page = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            var route = page ? pattern : $"{Methods(endpoint)} {pattern}";
            mapped.Add(route);
            var rule = (page ? AccessTable.Pages : AccessTable.Api).FirstOrDefault(r => r.Route == route);
            var (declared, problem) = await DeclaredAccessAsync(endpoint, provider);
            if (problem is not null) problems.Add($"{route}: {problem}");
            else if (rule is null) problems.Add($"{route}: not in AccessTable (it declares {declared})");
            else if (declared != Expected(rule.Access)) problems.Add($"{route}: declares {declared}, AccessTable says {Expected(rule.Access)}");
        }
        problems.AddRange(AccessTable.Api.Concat(AccessTable.Pages).Where(r => !mapped.Contains(r.Route)).Select(r => $"{r.Route}: in AccessTable but not mapped"));
        problems.AddRange(AccessTable.Api.Concat(AccessTable.Pages).GroupBy(r => r.Route).Where(g => g.Count() > 1).Select(g => $"{g.Key}: in AccessTable {g.Count()} times"));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_navigation_shows_each_section_to_the_roles_its_page_admits()
    {
        foreach (var item in AiFlow.Web.Components.Layout.NavItems.All)
        {
            var rule = Assert.Single(AccessTable.Pages, p => p.Route == item.Href);
            Assert.Equal(Expected(rule.Access), Normalise(item.Roles.Split(',')));
        }
    }

    private static bool IsExempt(RouteEndpoint endpoint, string pattern) =>
        Exempt.Any(e => pattern.StartsWith(e.Prefix, StringComparison.Ordinal))
        // MapStaticAssets: fingerprinted files (the app's CSS and scripts, MudBlazor's), the same for everybody.
        || endpoint.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor");

    private static string Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is { HttpMethods.Count: > 0 } m ? string.Join(',', m.HttpMethods) : "*";

    /// <summary>What the endpoint's metadata admits: anonymous, signed-in or a sorted list of roles; or why it cannot be read.</summary>
    private static async Task<(string? Access, string? Problem)> DeclaredAccessAsync(RouteEndpoint endpoint, IAuthorizationPolicyProvider provider)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) return (AccessTable.Anonymous, null);
        if (endpoint.Metadata.OfType<AuthorizationPolicy>().Any()) return (null, "declares an unnamed policy; name one from Policies");
        var data = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        if (data.Count == 0) return (null, "declares no policy and does not allow anonymous callers");
        var unknown = data.Where(d => d.Policy is { } name && !Policies.RolesOf.ContainsKey(name)).Select(d => d.Policy).ToList();
        if (unknown.Count > 0) return (null, $"names policies Policies does not define: {string.Join(", ", unknown)}");
        if (data.Any(d => d.Policy is null && d.Roles is not null)) return (null, "lists roles instead of naming a policy from Policies");

        var policy = (await AuthorizationPolicy.CombineAsync(provider, data))!;
        var roleSets = policy.Requirements.OfType<RolesAuthorizationRequirement>().Select(r => r.AllowedRoles).ToList();
        var other = policy.Requirements.Where(r => r is not (RolesAuthorizationRequirement or DenyAnonymousAuthorizationRequirement)).ToList();
        if (other.Count > 0) return (null, $"has requirements the table cannot express: {string.Join(", ", other)}");
        if (roleSets.Count == 0) return (AccessTable.SignedIn, null);
        // Every policy must pass (e.g. the /api group's any-role and a route's admin-ops): the roles admitted are the intersection.
        return (Normalise(roleSets.Aggregate((a, b) => a.Intersect(b, StringComparer.Ordinal).ToList())), null);
    }

    private static string Expected(string access) =>
        access is AccessTable.Anonymous or AccessTable.SignedIn ? access : Normalise(Policies.RolesOf[access]);

    private static string Normalise(IEnumerable<string> roles) => string.Join(",", roles.Order(StringComparer.Ordinal));
}
