using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>uniqueItems: true</c>.</summary>
internal sealed class UniqueItemsKeyword : Keyword
{
    public UniqueItemsKeyword(KeywordSite site)
        : base(site)
    {
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        int i = -1;
        foreach (var item in instance.EnumerateArray())
        {
            i++;
            int j = -1;
            foreach (var earlier in instance.EnumerateArray())
            {
                if (++j == i)
                {
                    break;
                }

                if (JsonEquality.AreEqual(earlier, item))
                {
                    if (context.Collecting)
                    {
                        context.Fail(Site, $"{context.Where()} must have unique items, but items {j} and {i} are equal");
                    }

                    return false;
                }
            }
        }

        return true;
    }
}
