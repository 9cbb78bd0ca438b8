namespace AiFlow.Infrastructure.Inference.Simulator;

// FNV-1a plus a SplitMix finaliser: string.GetHashCode is randomised per process, and the simulator
// must give the same answer for the same prompt in every run, on every machine.
internal static class StableHash
{
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return Mix(hash);
    }

    public static ulong Of(string first, string second) => Of(first + "\u0001" + second);

    public static int Index(ulong hash, int count) => count <= 0 ? 0 : (int)(hash % (ulong)count);

    private static ulong Mix(ulong value)
    {
        value ^= value >> 30;
        value *= 0xbf58476d1ce4e5b9UL;
        value ^= value >> 27;
        value *= 0x94d049bb133111ebUL;
        return value ^ (value >> 31);
    }
}
