namespace AiFlow.Web.Features.Runs.List;

public enum RunSort { Created, Status, Duration, Tokens, Cost }
