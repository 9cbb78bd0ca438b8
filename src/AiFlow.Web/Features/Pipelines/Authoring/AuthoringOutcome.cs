namespace AiFlow.Web.Features.Pipelines.Authoring;

public enum AuthoringOutcome { Ok, Invalid, Conflict, NotFound }
