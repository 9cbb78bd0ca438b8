using Microsoft.AspNetCore.Routing;

namespace AiFlow.Infrastructure.Inference.Simulator;

/// <summary>The simulator's model API (models, chat, embeddings, transcriptions) and its admin routes, when mapped.</summary>
public sealed record SimulatorRoutes(RouteGroupBuilder Inference, RouteGroupBuilder? Admin);
