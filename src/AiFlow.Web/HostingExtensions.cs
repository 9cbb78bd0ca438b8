using AiFlow.Infrastructure;
using AiFlow.Infrastructure.Identity;
using AiFlow.Infrastructure.Inference.BuiltIn;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Web.Api;
using AiFlow.Web.Api.OpenApi;
using AiFlow.Web.Features.Dashboards;
using AiFlow.Web.Features.Datasets;
using AiFlow.Web.Features.Evaluations;
using AiFlow.Web.Features.Home;
using AiFlow.Web.Features.Runs;
using AiFlow.Web.Security;
using AiFlow.Web.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Npgsql;
using Serilog;

namespace AiFlow.Web;

public static class HostingExtensions
{
    public static void AddLogging(this WebApplicationBuilder builder) =>
        builder.Services.AddSerilog((_, config) => ConfigureSerilog(config, builder.Configuration));

    /// <summary>The app's log levels and sinks; Serilog settings in configuration win over the levels set here.</summary>
    internal static LoggerConfiguration ConfigureSerilog(LoggerConfiguration config, IConfiguration configuration)
    {
        var logDir = configuration["AiFlow:LogDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "logs");
        return config
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Quartz", Serilog.Events.LogEventLevel.Warning)
            // Six lines per model call (HttpClient start/send/receive/end, Polly attempt/executed) cost a run's engine more CPU
            // than its own commits; every call is booked in ai_request_logs, and retries and failures still log as warnings.
            .MinimumLevel.Override("System.Net.Http.HttpClient", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Polly", Serilog.Events.LogEventLevel.Warning)
            // EF logs the probe for a missing migrations table on a fresh database as an error; real failures still throw.
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", Serilog.Events.LogEventLevel.Fatal)
            // After the defaults above, so that e.g. Serilog:MinimumLevel:Default=Warning takes precedence over them.
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .WriteTo.File(new Serilog.Formatting.Compact.RenderedCompactJsonFormatter(), Path.Combine(logDir, "aiflow-.log"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
    }

    public static bool TryAddInfrastructure(this WebApplicationBuilder builder, out string problem)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(DependencyInjection.ConnectionStringName)))
        {
            problem = "No database configured. Run ./aiflow.sh up (it provisions PostgreSQL), or set ConnectionStrings__AiFlow to a PostgreSQL 15+ database with pgvector.";
            return false;
        }
        var keyRing = KeyRingProtection.Resolve(builder.Configuration, builder.Environment, out var keyRingProblem, out var notice);
        if (keyRingProblem is not null)
        {
            problem = keyRingProblem;
            return false;
        }
        if (notice is not null) Log.Warning("{KeyRing}", notice);
        builder.AddInfrastructure(keyRing);
        problem = "";
        return true;
    }

    public static void AddWebServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AiFlowOptions>().Bind(builder.Configuration.GetSection(AiFlowOptions.Section));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddScoped<CircuitHandler, AuditUserCircuitHandler>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddProblemDetails();
        services.AddApiDocumentation();
        services.AddAiFlowRateLimiting(builder.Configuration);
        services.AddAiFlowForwardedHeaders(builder.Configuration);
        services.AddAntiforgery(o => o.HeaderName = ApiAntiforgery.HeaderName);
        // A query or route value that does not bind (?page=abc) throws in every environment, so that the /api problem
        // writer names the parameter (ADR 0021); otherwise Production answers an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddScoped<Features.Access.ApiKeyService>();
        services.AddSingleton<Features.Admin.UserAdminService>();
        services.AddSingleton<Features.Account.SignInRecord>();
        services.AddSingleton<Features.Runs.RunQueries>();
        services.AddScoped<Features.Endpoints.EndpointAdminService>();
        services.AddInferenceSimulator(builder.Configuration);
        if (ServesSimulator(builder.Configuration)) services.AddHostedService<ConsoleSimulatorRegistration>();
        services.AddBuiltInEmbeddings(builder.Configuration);
        if (builder.Configuration.ServesBuiltInEmbeddings()) services.AddHostedService<BuiltInEmbeddingRegistration>();
        services.AddRunsUi();
        services.AddDashboardsUi();
        services.AddHomeUi();
        builder.AddAiFlowTelemetry();
        services.AddSingleton<Features.Review.ReviewQueries>();
        services.AddSingleton<Features.IrSchemas.IrSchemaQueries>();
        services.AddScoped<Features.Review.ReviewSession>();
        services.AddSingleton<Features.Review.ReviewPresence>();
        services.AddSingleton<Features.Review.ReviewSettingsService>();
        services.AddSingleton<Features.GroundTruth.GroundTruthQueries>();
        services.AddEvaluationsUi();
        services.AddDatasetsUi();
        services.AddScoped<Features.Pipelines.Authoring.PipelineAuthoringService>();
        services.AddScoped<Features.Pipelines.Bundles.PipelineBundleService>();
        services.AddSingleton<Features.Pipelines.Editor.TestRunQueries>();

        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<AiFlowDbContext>()
            .AddDefaultTokenProviders();

        services.AddOptions<SecurityOptions>().Bind(builder.Configuration.GetSection(SecurityOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MetricsScrapeOptions>().Bind(builder.Configuration.GetSection(MetricsScrapeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // A role change renews the user's security stamp; the cookie is checked against it this often.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
            o.ValidationInterval = security.Value.StampValidationInterval);

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/signin";
            o.AccessDeniedPath = "/access-denied";
            o.Cookie.Name = "aiflow.auth";
            o.SlidingExpiration = true;
            // HTTP APIs answer 401/403; only pages redirect to the sign-in page.
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddAuthentication(o =>
            {
                // AddIdentity sets the cookie as default authenticate scheme; the policy scheme must win so bearer keys work.
                o.DefaultScheme = AuthSchemes.Smart;
                o.DefaultAuthenticateScheme = AuthSchemes.Smart;
                o.DefaultForbidScheme = AuthSchemes.Smart;
                o.DefaultChallengeScheme = AuthSchemes.Smart;
            })
            .AddPolicyScheme(AuthSchemes.Smart, "Cookie, API key or scrape token", o => o.ForwardDefaultSelector = ctx =>
                !ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.ApplicationScheme
                    : ScrapeTokenAuthenticationHandler.Carries(ctx, ctx.RequestServices.GetRequiredService<IOptionsMonitor<MetricsScrapeOptions>>().CurrentValue.ScrapeToken)
                        ? ScrapeTokenAuthenticationHandler.SchemeName
                        : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ScrapeTokenAuthenticationHandler>(ScrapeTokenAuthenticationHandler.SchemeName, null);

        // One policy per set of roles (AccessTable says which route takes which).
        var authorization = services.AddAuthorizationBuilder();
        foreach (var (name, roles) in Policies.RolesOf) authorization.AddPolicy(name, p => p.RequireRole(roles));
    }

    /// <summary>Paths called by programs, not people: they answer 401/403 instead of redirecting to a page.</summary>
    private static readonly string[] MachinePaths = ["/api", ScrapeTokenAuthenticationHandler.Path, "/sim"];

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (MachinePaths.Any(p => ctx.Request.Path.StartsWithSegments(p)))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static async Task<bool> InitializeDatabaseAsync(this WebApplication app)
    {
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            return true;
        }
        // Only "cannot reach, find or log in" is the user's set-up to fix; any other server-side error is a bug and keeps its stack.
        catch (Exception ex) when (IsConnectionProblem(ex) || IsConnectionProblem(ex.InnerException))
        {
            var cs = new NpgsqlConnectionStringBuilder(app.Configuration.GetConnectionString(DependencyInjection.ConnectionStringName));
            Log.Fatal("Cannot use the database {Database} at {Host}:{Port}: {Reason}. Start PostgreSQL with ./aiflow.sh up, or point ConnectionStrings__AiFlow at a reachable PostgreSQL 15+ with pgvector.",
                cs.Database, cs.Host, cs.Port, (ex.InnerException ?? ex).Message);
            return false;
        }
    }

    /// <summary>Cannot connect, no such database, or the login is refused: each is the set-up to fix, not a bug.</summary>
    private static bool IsConnectionProblem(Exception? ex) =>
        ex is System.Net.Sockets.SocketException or TimeoutException
        || ex is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification }
        || (ex is NpgsqlException && ex is not PostgresException);

    private static bool ServesSimulator(IConfiguration configuration) =>
        configuration.GetValue<bool?>("AiFlow:Simulator:Enabled") == true || configuration.GetValue<bool>("AiFlow:DemoMode");

    public static void UseWebPipeline(this WebApplication app)
    {
        // First, so the scheme (cookies' Secure flag, HSTS) and the client address (rate limits) are the real client's.
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        // Only on HTTPS requests to a host other than localhost.
        app.UseHsts();
        // Outside the problem writers, so a request is logged with the status its caller got: a malformed query is a 400
        // at Information, not a 500 with a stack because the logger saw the exception before it was turned into a 400.
        app.UseSerilogRequestLogging();
        app.UseApiProblems();
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseApiAntiforgery();
        app.UseMiddleware<AuditUserMiddleware>();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapGet("/health", () => Results.Text("ok")).AllowAnonymous();
        // The built-in simulator (demo endpoints point at /sim/v1): only when asked for, or in demo mode. Its model API is
        // open like a model server's; its stats and reset exist only in demo mode, for Admins.
        if (ServesSimulator(app.Configuration))
        {
            var simulator = app.MapInferenceSimulator("/sim/v1", adminRoutes: app.Configuration.GetValue<bool>("AiFlow:DemoMode"));
            simulator.Inference.AllowAnonymous().DisableAntiforgery();
            simulator.Admin?.RequireAuthorization(Policies.AdminOnly).DisableAntiforgery();
        }
        // The built-in MiniLM embedding endpoint (the catalogue's "Local MiniLM (CPU)"): open like a model server's,
        // but it answers loopback callers only (see BuiltInEmbeddingEndpoints).
        if (app.Configuration.ServesBuiltInEmbeddings())
        {
            app.MapBuiltInEmbeddings().AllowAnonymous().DisableAntiforgery();
        }
        app.MapMetrics().RequireAuthorization(Policies.MetricsScrape);
    }
}
