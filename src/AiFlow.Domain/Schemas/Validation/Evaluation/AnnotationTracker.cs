namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// Bitset of evaluated property positions (enumeration order) or item indices at one instance location;
/// only created when a schema uses unevaluatedProperties/unevaluatedItems.
/// </summary>
internal sealed class AnnotationTracker
{
    private ulong[] _bits = new ulong[2];
    private int _length;

    public void Reset(int length)
    {
        _length = length;
        int words = (length + 63) >> 6;
        if (_bits.Length < words)
        {
            _bits = new ulong[words];
        }
        else
        {
            Array.Clear(_bits, 0, words);
        }
    }

    public void Mark(int index)
    {
        if ((uint)index < (uint)_length)
        {
            _bits[index >> 6] |= 1UL << (index & 63);
        }
    }

    public void MarkAll()
    {
        for (int i = 0; i < _length; i++)
        {
            Mark(i);
        }
    }

    public bool IsMarked(int index) => (uint)index < (uint)_length && (_bits[index >> 6] & (1UL << (index & 63))) != 0;

    public void MergeFrom(AnnotationTracker other)
    {
        int words = (Math.Min(_length, other._length) + 63) >> 6;
        for (int i = 0; i < words; i++)
        {
            _bits[i] |= other._bits[i];
        }
    }
}
