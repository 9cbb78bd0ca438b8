namespace AiFlow.Infrastructure.Seeding;

/// <summary>The demo's support tickets with the category and priority a careful reviewer gives each.</summary>
internal static class DemoTickets
{
    internal sealed record Ticket(string Customer, string Product, string Subject, string Body, string Category, string Priority);

    private static readonly (string Category, string Subject, string Body)[] Topics =
    [
        ("billing", "Charged twice on my billing statement", "My card shows the same billing charge twice for order {0}."),
        ("shipping", "Shipping parcel has not arrived", "The shipping tracking for order {0} has not moved for a week."),
        ("technical", "Technical error when I log in", "The app shows a technical error code {0} right after login."),
        ("account", "Change the email on my account", "Please move my account to a new email address, reference {0}."),
        ("other", "Other question about your stores", "An other question: do you have a store near postcode {0}?"),
    ];

    private static readonly (string Priority, string Sentence)[] Priorities =
    [
        ("low", "No rush, this is low priority."),
        ("normal", "Normal priority is fine."),
        ("high", "This is high priority for us."),
        ("urgent", "This is urgent, please help today."),
    ];

    private static readonly string[] Customers = ["Zoë Müller", "Ada Byron", "Grace Hopper", "Alan Kay", "Edsger Dijkstra", "Barbara Liskov", "Ken Thompson", "Frances Allen"];
    private static readonly string[] Products = ["Aurora fridge", "Nimbus kettle", "Vega washer", "Orion oven"];

    public static IReadOnlyList<Ticket> All(int count) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var topic = Topics[i % Topics.Length];
            var priority = Priorities[(i / Topics.Length) % Priorities.Length];
            var reference = (4711 + (i * 37)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new Ticket(Customers[i % Customers.Length], Products[i % Products.Length], topic.Subject,
                string.Format(System.Globalization.CultureInfo.InvariantCulture, topic.Body, reference) + " " + priority.Sentence, topic.Category, priority.Priority);
        })];
}
