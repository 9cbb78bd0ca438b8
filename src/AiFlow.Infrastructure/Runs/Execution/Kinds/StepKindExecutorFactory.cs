using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Schemas;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>Makes the step executor of one loaded run; runs and evaluations go through the same one.</summary>
public sealed class StepKindExecutorFactory(
    StepKindRegistry kinds,
    IInferenceGateway gateway,
    IrValidationService validation,
    IDbContextFactory<AiFlowDbContext> contexts)
{
    public StepKindExecutor Create(LoadedRun run) => new(run, kinds, gateway, validation, contexts);
}
