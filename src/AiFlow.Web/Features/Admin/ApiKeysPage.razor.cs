using AiFlow.Domain.Access;
using AiFlow.Web.Features.Access;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AiFlow.Web.Features.Admin;

public partial class ApiKeysPage
{
    // Scoped to the circuit, which is fine: each of its methods makes its own DbContext.
    [Inject] private ApiKeyService Keys { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private List<ApiKeySummary>? keys;
    private CreatedApiKey? created;
    private string newName = "";
    private string newRole = Roles.Ops;
    private bool busy;

    protected override async Task OnInitializedAsync() => keys = await Keys.ListAsync(CancellationToken.None);

    private async Task CreateAsync()
    {
        if (string.IsNullOrWhiteSpace(newName) || !Roles.All.Contains(newRole)) return;
        busy = true;
        try
        {
            var user = (await Authentication.GetAuthenticationStateAsync()).User.Identity?.Name;
            created = await Keys.CreateAsync(newName.Trim(), newRole, user, CancellationToken.None);
            newName = "";
            keys = await Keys.ListAsync(CancellationToken.None);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RevokeAsync(ApiKeySummary key)
    {
        // Irreversible, and every client using the key gets 401 from its next call: asked first, as deletes are.
        var sure = await Dialogs.ShowMessageBoxAsync("Revoke API key",
            $"Revoke “{key.Name}” ({key.Prefix}…)? Clients using it are refused from their next call; this cannot be undone.", yesText: "Revoke", cancelText: "Cancel");
        if (sure != true) return;
        busy = true;
        try
        {
            if (await Keys.RevokeAsync(key.Id, CancellationToken.None)) Snackbar.Add($"Key “{key.Name}” revoked.", Severity.Success);
            else Snackbar.Add($"Key “{key.Name}” no longer exists.", Severity.Warning);
            keys = await Keys.ListAsync(CancellationToken.None);
        }
        finally
        {
            busy = false;
        }
    }
}
