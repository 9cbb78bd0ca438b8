namespace AiFlow.Domain.Inference;

public enum EndpointKind { Chat, Vision, Embedding, Transcription }
