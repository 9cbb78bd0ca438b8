namespace AiFlow.Domain.Inference;

public enum EndpointProvider { OpenAiCompatible, AzureOpenAi }
