using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AiFlow.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the console.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AiFlowDbContext>
{
    public AiFlowDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AiFlowDbContext>()
            .UseNpgsql("Host=127.0.0.1;Port=55432;Database=aiflow_design", npgsql => npgsql.UseVector())
            .Options;
        return new AiFlowDbContext(options);
    }
}
