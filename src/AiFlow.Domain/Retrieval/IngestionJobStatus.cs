namespace AiFlow.Domain.Retrieval;

public enum IngestionJobStatus { Queued, Running, Completed, Failed, Cancelled }
