using System.Globalization;
using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AiFlow.Web.Features.Admin;

public partial class UsersPage
{
    [Inject] private UserAdminService Users { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private IOptions<SecurityOptions> Security { get; set; } = default!;

    private sealed class Row(UserSummary user)
    {
        public UserSummary User { get; } = user;
        public string? SelectedRole { get; set; } = user.Role;
    }

    private List<Row>? rows;
    private string? myId;
    private string newEmail = "";
    private string newDisplayName = "";
    private string newRole = Roles.Reviewer;
    private string? createError;
    private UserPassword? shownPassword;
    private bool busy;

    private string StampInterval => Security.Value.StampValidationInterval switch
    {
        var i when i == TimeSpan.FromSeconds(1) => "a second",
        var i when i < TimeSpan.FromMinutes(1) => $"{i.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} seconds",
        var i when i == TimeSpan.FromMinutes(1) => "a minute",
        var i => $"{i.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} minutes",
    };

    protected override async Task OnInitializedAsync()
    {
        myId = (await Authentication.GetAuthenticationStateAsync()).User.FindFirstValue(ClaimTypes.NameIdentifier);
        await LoadAsync();
    }

    private async Task LoadAsync() => rows = (await Users.ListAsync(CancellationToken.None)).Select(u => new Row(u)).ToList();

    private async Task CreateAsync()
    {
        await RunAsync(async () =>
        {
            var result = await Users.CreateAsync(new CreateUserRequest(newEmail, newDisplayName, newRole), CancellationToken.None);
            createError = result.Outcome == UserAdminOutcome.Done ? null : result.Message;
            if (result.Password is null) return;
            shownPassword = result.Password;
            newEmail = newDisplayName = "";
        });
    }

    private async Task SaveRoleAsync(Row row)
    {
        if (row.SelectedRole is not { } role) return;
        await RunAsync(async () =>
        {
            var result = await Users.AssignRoleAsync(myId, row.User.Id, role, CancellationToken.None);
            Report(result, $"{row.User.Email} is now {role}.", $"Could not change {row.User.Email}'s role");
        });
    }

    private async Task DisableAsync(UserSummary user)
    {
        var sure = await Dialogs.ShowMessageBoxAsync("Disable user",
            $"Disable {user.Email}? They cannot sign in, and their open sessions end within {StampInterval}.", yesText: "Disable", cancelText: "Cancel");
        if (sure != true) return;
        await RunAsync(async () => Report(await Users.DisableAsync(myId, user.Id, CancellationToken.None), $"{user.Email} is disabled.", $"Could not disable {user.Email}"));
    }

    private Task EnableAsync(UserSummary user) =>
        RunAsync(async () => Report(await Users.EnableAsync(user.Id, CancellationToken.None), $"{user.Email} is enabled.", $"Could not enable {user.Email}"));

    private async Task ResetPasswordAsync(UserSummary user)
    {
        var sure = await Dialogs.ShowMessageBoxAsync("Reset password",
            $"Give {user.Email} a new one-time password? Their current password stops working and their open sessions end.", yesText: "Reset", cancelText: "Cancel");
        if (sure != true) return;
        await RunAsync(async () =>
        {
            var result = await Users.ResetPasswordAsync(user.Id, CancellationToken.None);
            Report(result, $"{user.Email} has a new one-time password.", $"Could not reset {user.Email}'s password");
            if (result.Password is not null) shownPassword = result.Password;
        });
    }

    private void Report(UserAdminResult result, string done, string failed)
    {
        if (result.Outcome == UserAdminOutcome.Done) Snackbar.Add(done, Severity.Success);
        else Snackbar.Add($"{failed}: {result.Message}", Severity.Error);
    }

    /// <summary>One change at a time, then the list as it now is (a refused change shows the row unchanged again).</summary>
    private async Task RunAsync(Func<Task> change)
    {
        busy = true;
        try
        {
            await change();
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }
}
