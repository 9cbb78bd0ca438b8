namespace AiFlow.Infrastructure.Reviews;

/// <summary>Why a decision was refused: the decision itself (400), a missing run or step (404), or the item's state (409).</summary>
public enum ReviewRefusal { Invalid, NotFound, Conflict }
