namespace AiFlow.Domain.Common;

public enum AuditAction { Created, Updated, Deleted }
