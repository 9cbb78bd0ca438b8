using AiFlow.Infrastructure;
using AiFlow.Web;
using AiFlow.Web.Api;
using AiFlow.Web.Api.OpenApi;
using AiFlow.Web.Components;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();

var builder = WebApplication.CreateBuilder(args);
builder.AddLogging();
if (!builder.TryAddInfrastructure(out var problem))
{
    Log.Fatal("{Problem}", problem);
    await Log.CloseAndFlushAsync();
    return 1;
}
builder.AddWebServices();

var app = builder.Build();
if (!await app.InitializeDatabaseAsync())
{
    await Log.CloseAndFlushAsync();
    return 1;
}

app.UseWebPipeline();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapApi();
app.MapApiDocumentation();
await app.RunAsync();
return 0;

public partial class Program;
