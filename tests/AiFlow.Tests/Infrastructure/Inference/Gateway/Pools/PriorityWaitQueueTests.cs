using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Inference.Gateway.Pools;

namespace AiFlow.Tests.Infrastructure.Inference.Gateway.Pools;

public sealed class PriorityWaitQueueTests
{
    [Fact]
    public void Waiters_are_served_by_importance_then_by_arrival()
    {
        var queue = new PriorityWaitQueue<string>();
        queue.Enqueue(CallImportance.Low, "low-1");
        queue.Enqueue(CallImportance.Normal, "normal-1");
        queue.Enqueue(CallImportance.High, "high-1");
        queue.Enqueue(CallImportance.Low, "low-2");
        queue.Enqueue(CallImportance.High, "high-2");

        Assert.Equal(["high-1", "high-2", "normal-1", "low-1", "low-2"], queue.InOrder().Select(w => w.Item));
    }

    [Fact]
    public void A_removed_waiter_leaves_the_order_of_the_others_intact()
    {
        var queue = new PriorityWaitQueue<string>();
        queue.Enqueue(CallImportance.Normal, "a");
        var b = queue.Enqueue(CallImportance.Normal, "b");
        queue.Enqueue(CallImportance.Normal, "c");

        Assert.True(queue.Remove(b));
        Assert.False(queue.Remove(b));
        Assert.Equal(["a", "c"], queue.InOrder().Select(w => w.Item));
        Assert.Equal(2, queue.Count);
    }
}
