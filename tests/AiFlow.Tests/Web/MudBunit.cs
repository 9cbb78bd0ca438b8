using Bunit;
using MudBlazor.Services;

namespace AiFlow.Tests.Web;

/// <summary>The bUnit context every component test starts from: MudBlazor's services, and JS calls answered loosely.</summary>
internal static class MudBunit
{
    public static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        return ctx;
    }
}
