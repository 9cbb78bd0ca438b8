using AiFlow.Domain.Steps;
using MudBlazor;

namespace AiFlow.Web.Features.Steps;

public static class StepDisplay
{
    public static Color StatusColor(VersionStatus status) => status switch
    {
        VersionStatus.Published => Color.Success,
        VersionStatus.Draft => Color.Warning,
        _ => Color.Default,
    };
}
