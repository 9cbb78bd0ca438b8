namespace AiFlow.Infrastructure.Inference.Simulator;

/// <summary>Model ids the simulator advertises; any other id is accepted too and echoed back.</summary>
public static class SimulatorModels
{
    public const string Chat = "sim-chat";
    public const string Vision = "sim-vision";
    public const string Embedding = "sim-embed";
    public const string Transcription = "sim-whisper";

    public static IReadOnlyList<string> All { get; } = [Chat, Vision, Embedding, Transcription];
}
