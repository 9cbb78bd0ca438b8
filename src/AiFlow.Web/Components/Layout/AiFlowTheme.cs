using MudBlazor;

namespace AiFlow.Web.Components.Layout;

public static class AiFlowTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#3949ab", Secondary = "#00897b", AppbarBackground = "#283593" },
    };
}
