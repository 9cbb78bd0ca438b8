namespace AiFlow.Domain.Steps;

public enum StepKind { StructuredLlm, Vision, Transcription, Embedding, Retrieval, Transform, HumanReview, Evaluation, SqlQuery }
