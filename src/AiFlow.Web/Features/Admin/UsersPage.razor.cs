using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Persistence;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace AiFlow.Web.Features.Admin;

public partial class UsersPage
{
    [Inject] private IDbContextFactory<AiFlowDbContext> Contexts { get; set; } = default!;
    [Inject] private UserRoleService RoleService { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private sealed class Row(string id, string email, string? displayName, List<string> roles, DateTimeOffset? lockedOutUntil)
    {
        public string Id { get; } = id;
        public string Email { get; } = email;
        public string? DisplayName { get; } = displayName;
        public List<string> Roles { get; set; } = roles;
        public DateTimeOffset? LockedOutUntil { get; } = lockedOutUntil;
        public string? SelectedRole { get; set; } = AiFlow.Domain.Access.Roles.All.FirstOrDefault(roles.Contains);
    }

    private List<Row>? rows;
    private bool saving;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var now = Clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, LockedOutUntil = u.LockoutEnd > now ? u.LockoutEnd : null })
            .ToListAsync();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .AsNoTracking().ToListAsync();
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name ?? "");
        rows = users.Select(u => new Row(u.Id, u.Email ?? "", u.DisplayName, [.. byUser[u.Id].Order(StringComparer.Ordinal)], u.LockedOutUntil)).ToList();
    }

    private async Task SaveAsync(Row row)
    {
        if (row.SelectedRole is not { } role || !Roles.All.Contains(role)) return;
        var me = (await Authentication.GetAuthenticationStateAsync()).User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (row.Id == me && role != Roles.Admin)
        {
            Snackbar.Add("You cannot remove your own Admin role.", Severity.Warning);
            return;
        }

        saving = true;
        try
        {
            var error = await RoleService.AssignAsync(row.Id, role, CancellationToken.None);
            if (error is null)
            {
                row.Roles = [role];
                Snackbar.Add($"{row.Email} is now {role}.", Severity.Success);
            }
            else
            {
                Snackbar.Add($"Could not change {row.Email}'s role: {error}", Severity.Error);
                await LoadAsync();
            }
        }
        finally
        {
            saving = false;
        }
    }
}
