using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Web.Pipelines;

/// <summary>Seeds a small step catalogue into a test database and hands out contexts and users for the authoring service.</summary>
internal sealed class AuthoringTestCatalog(TestDatabase database) : IDbContextFactory<AiFlowDbContext>
{
    private readonly AuditingInterceptor auditing = new(TimeProvider.System);

    public Guid Extract { get; private set; }
    public Guid Classify { get; private set; }
    public Guid Reply { get; private set; }

    public AiFlowDbContext CreateDbContext() => database.CreateContext(auditing);

    public static ClaimsPrincipal User(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));

    public static ClaimsPrincipal Admin(string name = "alice@aiflow.local") => User(name, Roles.Admin);

    public async Task SeedAsync()
    {
        await using var db = CreateDbContext();
        var existing = await db.StepDefinitions.Include(s => s.Versions).Where(s => s.Key.StartsWith("t_")).ToListAsync();
        if (existing.Count == 0)
        {
            var profile = new MetricProfile { Key = "t_profile", Name = "Test profile", Targets = [new("field_f1", 0.8)] };
            db.MetricProfiles.Add(profile);
            foreach (var key in new[] { "t_extract", "t_classify", "t_reply" })
            {
                var definition = new StepDefinition { Key = key, Name = key, Kind = StepKind.StructuredLlm };
                definition.Versions.Add(new StepVersion { Number = 1, Status = VersionStatus.Published, MetricProfileId = profile.Id, CreatedAt = DateTimeOffset.UtcNow });
                db.StepDefinitions.Add(definition);
                existing.Add(definition);
            }
            await db.SaveChangesAsync();
        }
        Extract = existing.Single(s => s.Key == "t_extract").Versions[0].Id;
        Classify = existing.Single(s => s.Key == "t_classify").Versions[0].Id;
        Reply = existing.Single(s => s.Key == "t_reply").Versions[0].Id;
    }
}
