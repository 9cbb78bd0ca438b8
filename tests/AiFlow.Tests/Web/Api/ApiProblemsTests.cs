using System.Net;
using AiFlow.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiFlow.Tests.Web.Api;

/// <summary><see cref="ApiProblems.UseApiProblems"/> on a bare app in Development, where ASP.NET Core would otherwise answer with its HTML error page.</summary>
public sealed class ApiProblemsTests : IAsyncLifetime
{
    private WebApplication app = null!;
    private HttpClient client = null!;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> exceptionSeen = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();
        builder.Services.AddProblemDetails();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        app = builder.Build();
        // Where the request logger sits (outside the problem writers): it reports a request whose exception it can still
        // see in the handler's feature as a 500 with a stack.
        app.Use(async (context, next) =>
        {
            await next(context);
            exceptionSeen[context.Request.Path + context.Request.QueryString] = context.Features.Get<IExceptionHandlerFeature>() is not null;
        });
        app.UseApiProblems();
        app.MapGet("/api/boom", IResult () => throw new InvalidOperationException("connection string Password=hunter2"));
        app.MapGet("/api/paged", (int? page) => Results.Ok(page));
        app.MapGet("/api/echo", (string? q) => Results.Ok(q));
        await app.StartAsync();
        client = app.GetTestClient();
    }

    [Fact]
    public async Task An_exception_in_an_api_route_is_a_500_problem_without_the_exception_text()
    {
        var response = await client.GetAsync(new Uri("/api/boom", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Contains("traceId", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/no-such-route", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/paged", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/paged?page=abc", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/paged?page=99999999999", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/echo?q=a%00b", HttpStatusCode.BadRequest)]
    public async Task Unknown_routes_wrong_methods_unbound_parameters_and_control_characters_are_problems(string method, string path, HttpStatusCode status)
    {
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/paged?page=abc")]
    [InlineData("/api/paged?page=99999999999")]
    public async Task A_query_value_that_does_not_bind_names_its_parameter(string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("page", problem["parameter"]!.GetValue<string>());
        // A caller's mistake leaves no exception for the request logger (it logged "responded 500" for this 400); a bug does.
        Assert.False(exceptionSeen[path]);
        await client.GetAsync(new Uri("/api/boom", UriKind.Relative));
        Assert.True(exceptionSeen["/api/boom"]);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }
}
