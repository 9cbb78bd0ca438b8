namespace AiFlow.Infrastructure.Authoring;

public enum SaveOutcome { Saved, Invalid, Conflict, NotFound }
