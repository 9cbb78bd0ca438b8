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

        int length = instance.GetArrayLength();
        for (int i = 1; i < length; i++)
        {
            var item = instance[i];
            for (int j = 0; j < i; j++)
            {
                if (JsonEquality.AreEqual(instance[j], item))
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
