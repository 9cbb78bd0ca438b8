namespace AiFlow.Infrastructure.Runs;

public enum LaunchOutcome { Started, PipelineNotFound, NoActiveVersion, VersionNotFound, InvalidInput }
