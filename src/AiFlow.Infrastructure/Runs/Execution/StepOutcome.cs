namespace AiFlow.Infrastructure.Runs.Execution;

public enum StepOutcome { Completed, Failed, Parked }
