using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Common;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.E2E;

/// <summary>
/// <c>/api/users</c> with the demo Admin key: each action answers as documented and leaves one audit entry naming the key,
/// and bad input is refused with a pointer and nothing saved.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class UserApiTests(ConsoleFixture console)
{
    private const string Actor = "apikey:demo";

    private static Uri Users(string path = "") => new($"/api/users{path}", UriKind.Relative);

    private static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    private async Task<UserPassword> CreateAsync(HttpClient admin, string email, string role = "Reviewer")
    {
        var response = await admin.PostAsJsonAsync(Users(), new CreateUserRequest(email, null, role));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<UserPassword>(ApiJson.Options))!;
    }

    private async Task<List<AuditEntry>> AuditOfAsync(string userId)
    {
        await using var db = console.Database.CreateContext();
        return await db.AuditEntries.Where(a => a.EntityType == "AppUser" && a.EntityId == userId).OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<UserSummary> SummaryAsync(HttpClient admin, string id) =>
        (await admin.GetFromJsonAsync<List<UserSummary>>(Users(), ApiJson.Options))!.Single(u => u.Id == id);

    [Fact]
    public async Task An_admin_creates_a_user_with_a_role_and_a_one_time_password_and_the_creation_is_audited_without_the_password()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var email = NewEmail();
        var created = await CreateAsync(admin, email, "Ops");

        Assert.Equal(email, created.Email);
        Assert.Matches("^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$", created.OneTimePassword);
        var summary = await SummaryAsync(admin, created.Id);
        Assert.Equal(("Ops", true, null, null), (summary.Role, summary.MustChangePassword, summary.DisabledAt, summary.LastSignInAt));
        Assert.Equal(email.Split('@')[0], summary.DisplayName);
        var entry = Assert.Single(await AuditOfAsync(created.Id));
        Assert.Equal((AuditAction.Created, Actor), (entry.Action, entry.UserName));
        Assert.Equal("[\"Ops\"]", JsonNode.Parse(entry.After!)!["Roles"]!.ToJsonString());
        Assert.DoesNotContain(created.OneTimePassword, entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_and_enabling_a_user_shows_in_the_list_and_leaves_two_audit_entries_and_a_repeat_changes_nothing()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var created = await CreateAsync(admin, NewEmail());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(Users($"/{created.Id}/disable"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(Users($"/{created.Id}/disable"), null)).StatusCode);
        Assert.NotNull((await SummaryAsync(admin, created.Id)).DisabledAt);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(Users($"/{created.Id}/enable"), null)).StatusCode);
        Assert.Null((await SummaryAsync(admin, created.Id)).DisabledAt);

        var audit = await AuditOfAsync(created.Id);
        Assert.Equal(3, audit.Count);
        var (disabled, enabled) = (audit[1], audit[2]);
        Assert.All(audit, a => Assert.Equal(Actor, a.UserName));
        Assert.Null(JsonNode.Parse(disabled.Before!)!["DisabledAt"]);
        Assert.NotNull(JsonNode.Parse(disabled.After!)!["DisabledAt"]);
        Assert.NotNull(JsonNode.Parse(enabled.Before!)!["DisabledAt"]);
        Assert.Null(JsonNode.Parse(enabled.After!)!["DisabledAt"]);
    }

    [Fact]
    public async Task A_password_reset_answers_a_new_one_time_password_once_and_is_audited_without_it()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var created = await CreateAsync(admin, NewEmail());

        var response = await admin.PostAsync(Users($"/{created.Id}/reset-password"), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reset = (await response.Content.ReadFromJsonAsync<UserPassword>(ApiJson.Options))!;
        Assert.NotEqual(created.OneTimePassword, reset.OneTimePassword);
        Assert.True((await SummaryAsync(admin, created.Id)).MustChangePassword);
        var entry = (await AuditOfAsync(created.Id))[^1];
        Assert.Equal((AuditAction.Updated, Actor), (entry.Action, entry.UserName));
        Assert.Equal("true", JsonNode.Parse(entry.After!)!["PasswordReset"]!.ToJsonString());
        Assert.DoesNotContain(reset.OneTimePassword, entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_change_through_the_api_is_audited_with_the_roles_before_and_after()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var created = await CreateAsync(admin, NewEmail(), "Reviewer");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync(Users($"/{created.Id}/role"), new UserRoleRequest("Admin"))).StatusCode);

        Assert.Equal("Admin", (await SummaryAsync(admin, created.Id)).Role);
        var entry = (await AuditOfAsync(created.Id))[^1];
        Assert.Equal("[\"Reviewer\"]", JsonNode.Parse(entry.Before!)!["Roles"]!.ToJsonString());
        Assert.Equal("[\"Admin\"]", JsonNode.Parse(entry.After!)!["Roles"]!.ToJsonString());
    }

    [Theory]
    [InlineData("not-an-email", "Reviewer", "/email")]
    [InlineData("two@@example.com", "Reviewer", "/email")]
    [InlineData("Name <name@example.com>", "Reviewer", "/email")]
    [InlineData("", "Reviewer", "/email")]
    [InlineData("VALID", "Client", "/role")]
    [InlineData("VALID", "admin", "/role")]
    public async Task A_create_with_an_invalid_email_or_an_unknown_role_is_a_400_naming_the_field_and_saves_nothing(string email, string role, string pointer)
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        email = email == "VALID" ? NewEmail() : email;

        var response = await admin.PostAsJsonAsync(Users(), new CreateUserRequest(email, null, role));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(pointer, (await response.Content.ReadFromJsonAsync<JsonObject>())!["pointer"]!.GetValue<string>());
        await using var db = console.Database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task A_second_user_with_the_same_email_in_other_case_is_a_409_naming_the_email()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var email = NewEmail();
        var first = await CreateAsync(admin, email);

        var response = await admin.PostAsJsonAsync(Users(), new CreateUserRequest(email.ToUpperInvariant(), null, "Ops"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("/email", (await response.Content.ReadFromJsonAsync<JsonObject>())!["pointer"]!.GetValue<string>());
        Assert.Single(await AuditOfAsync(first.Id));
        Assert.Equal("Reviewer", (await SummaryAsync(admin, first.Id)).Role);
    }

    [Fact]
    public async Task Actions_on_an_unknown_user_are_404_and_a_role_outside_the_three_is_400()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var unknown = Guid.NewGuid();
        foreach (var action in new[] { "disable", "enable", "reset-password" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync(Users($"/{unknown}/{action}"), null)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync(Users($"/{unknown}/role"), new UserRoleRequest("Ops"))).StatusCode);
        var created = await CreateAsync(admin, NewEmail());
        var response = await admin.PutAsJsonAsync(Users($"/{created.Id}/role"), new UserRoleRequest("Client"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("/role", (await response.Content.ReadFromJsonAsync<JsonObject>())!["pointer"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ops_and_reviewer_keys_get_403_on_every_user_route()
    {
        foreach (var role in new[] { "Ops", "Reviewer" })
        {
            using var client = await console.ApiClientWithRoleAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Users())).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync(Users(), new CreateUserRequest(NewEmail(), null, "Admin"))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync(Users($"/{Guid.NewGuid()}/disable"), null)).StatusCode);
        }
    }
}
