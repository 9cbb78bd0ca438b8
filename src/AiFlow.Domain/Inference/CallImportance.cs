namespace AiFlow.Domain.Inference;

/// <summary>
/// How much a call matters: high may use endpoints tagged premium and is served first from a saturated pool. Normal is
/// the zero value, so a call or step that says nothing is normal.
/// </summary>
public enum CallImportance { Normal = 0, Low = 1, High = 2 }
