using System.Security.Claims;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiFlow.Domain.Common;
using AiFlow.Domain.Prompts;
using AiFlow.Domain.Prompts.Templating;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Infrastructure.Prompts;

/// <summary>
/// Prompt templates and their versions. A version is immutable once saved: editing means saving the next one, checked
/// first (it parses, reads only known variables, its variants are named and weighted). Mutations are Admin-only here,
/// whatever the page shows; a refused save writes nothing.
/// </summary>
public sealed partial class PromptTemplateService(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider time)
{
    public const int MaxTemplateLength = 100_000;
    public const double MaxWeight = 1000;
    private const string What = "prompt templates";

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{1,99}$")]
    private static partial Regex KeyPattern();

    /// <summary>Problems with a draft: template syntax, unknown variables, variant names and weights. Empty when it is fine.</summary>
    public static IReadOnlyList<string> Check(PromptVersionDraft draft) => CheckFields(draft).Select(p => p.Message).ToList();

    /// <summary>As <see cref="Check"/>, each problem at the pointer of the API body's field it is about.</summary>
    public static IReadOnlyList<FieldProblem> CheckFields(PromptVersionDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(draft.Template)) problems.Add(new("/template", "Template: it is empty; write the prompt the model receives."));
        var texts = new[] { ("/systemPrompt", "System prompt", draft.SystemPrompt), ("/template", "Template", draft.Template) }
            .Concat(draft.Variants.Select((v, i) => ($"/variants/{i}/template", $"Variant '{v.Name}'", v.Template)));
        foreach (var (field, label, text) in texts)
        {
            if (text.Length > MaxTemplateLength) problems.Add(new(field, $"{label}: longer than {MaxTemplateLength:N0} characters."));
            else problems.AddRange(PromptRenderer.Check(text).Select(p => new FieldProblem(field, $"{label}: {p}")));
        }
        foreach (var (variant, i) in draft.Variants.Select((v, i) => (v, i)))
        {
            if (string.IsNullOrWhiteSpace(variant.Name)) problems.Add(new($"/variants/{i}/name", "Every variant needs a name."));
            else if (variant.Name.Length > 40) problems.Add(new($"/variants/{i}/name", $"Variant '{variant.Name}': names are at most 40 characters."));
            if (string.IsNullOrWhiteSpace(variant.Template)) problems.Add(new($"/variants/{i}/template", $"Variant '{variant.Name}': its template is empty."));
            if (!double.IsFinite(variant.Weight) || variant.Weight is <= 0 or > MaxWeight)
            {
                problems.Add(new($"/variants/{i}/weight", $"Variant '{variant.Name}': weight must be a positive number up to {MaxWeight:0} (remove the variant to stop using it)."));
            }
        }
        if (draft.Variants.GroupBy(v => v.Name.Trim(), StringComparer.Ordinal).Any(g => g.Count() > 1)) problems.Add(new("/variants", "Variant names must be unique."));
        return problems;
    }

    public async Task<IReadOnlyList<PromptTemplateSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PromptTemplates.AsNoTracking().OrderBy(t => t.Key)
            .Select(t => new PromptTemplateSummary(t.Id, t.Key, t.Name, t.Versions.Count,
                t.Versions.Max(v => (int?)v.Number), t.Versions.Max(v => (DateTimeOffset?)v.CreatedAt), t.ArchivedAt != null))
            .ToListAsync(cancellationToken);
    }

    public Task<PromptTemplateDetails?> GetAsync(string key, CancellationToken cancellationToken) => GetAsync(t => t.Key == key, cancellationToken);

    public Task<PromptTemplateDetails?> GetAsync(Guid id, CancellationToken cancellationToken) => GetAsync(t => t.Id == id, cancellationToken);

    /// <summary>One version by id (for pickers and previews elsewhere, e.g. the step editor).</summary>
    public async Task<PromptVersionView?> GetVersionAsync(Guid versionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.PromptTemplateVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        return version is null ? null : View(version, null);
    }

    /// <summary>Creates a template, and its first version when <paramref name="first"/> is given, in one transaction.</summary>
    public async Task<SaveResult<PromptTemplateSummary>> CreateTemplateAsync(string key, string name, PromptVersionDraft? first, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        AdminOnly.Require(user, What);
        key = (key ?? "").Trim();
        if (!KeyPattern().IsMatch(key)) return SaveResult.Invalid<PromptTemplateSummary>("/key", "A key is 2-100 characters: lower-case letters, digits, '-' and '_', starting with a letter or digit.");
        if (string.IsNullOrWhiteSpace(name)) return SaveResult.Invalid<PromptTemplateSummary>("/name", "A name is required.");
        var problems = first is null ? [] : CheckFields(first);
        if (problems.Count > 0) return SaveResult.Invalid<PromptTemplateSummary>(problems);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.PromptTemplates.AnyAsync(t => t.Key == key, cancellationToken)) return SaveResult.Invalid<PromptTemplateSummary>("/key", $"A prompt template with key '{key}' already exists.");
        var template = new PromptTemplate { Key = key, Name = name.Trim() };
        db.PromptTemplates.Add(template);
        PromptTemplateVersion? version = null;
        if (first is not null)
        {
            version = NewVersion(template.Id, 1, first);
            db.PromptTemplateVersions.Add(version);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return SaveResult.Invalid<PromptTemplateSummary>("/key", $"A prompt template with key '{key}' already exists.");
        }
        return SaveResult.Ok<PromptTemplateSummary>(new PromptTemplateSummary(template.Id, template.Key, template.Name, version is null ? 0 : 1, version?.Number, version?.CreatedAt));
    }

    /// <summary>
    /// Saves the draft as the template's next version. A draft based on an older version than the latest is a conflict
    /// naming who saved the newer one; two saves racing for the same number end the same way (unique index).
    /// </summary>
    public async Task<SaveResult<PromptVersionView>> CreateVersionAsync(Guid templateId, PromptVersionDraft draft, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        AdminOnly.Require(user, What);
        var problems = CheckFields(draft);
        if (problems.Count > 0) return SaveResult.Invalid<PromptVersionView>(problems);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.PromptTemplates.AnyAsync(t => t.Id == templateId, cancellationToken)) return SaveResult.NotFound<PromptVersionView>("There is no such prompt template.");
        var latest = await db.PromptTemplateVersions.AsNoTracking().Where(v => v.PromptTemplateId == templateId)
            .OrderByDescending(v => v.Number).Select(v => new { v.Id, v.Number }).FirstOrDefaultAsync(cancellationToken);
        var latestNumber = latest?.Number ?? 0;
        if (draft.BasedOn is { } basedOn && basedOn != latestNumber)
        {
            return await ConflictAsync(db, templateId, basedOn, cancellationToken);
        }

        var version = NewVersion(templateId, latestNumber + 1, draft);
        db.PromptTemplateVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return await ConflictAsync(fresh, templateId, draft.BasedOn ?? latestNumber, cancellationToken);
        }
        return SaveResult.Ok<PromptVersionView>(View(version, user.Identity?.Name));
    }

    /// <summary>Renders template text against a sample, as a run would; problems (syntax, unknown variables) instead of throwing.</summary>
    public static PromptPreview Preview(string template, JsonNode? sampleInput, JsonObject? parameters = null, IReadOnlyDictionary<string, JsonNode?>? ir = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        var (paths, problems) = Inspect(template);
        try
        {
            // Unknown variables render empty, as they would in a run; they are listed as problems beside the text.
            return new PromptPreview(PromptRenderer.RenderOnce(template, sampleInput, ir ?? new Dictionary<string, JsonNode?>(), parameters), problems, paths);
        }
        catch (PromptTemplateException ex)
        {
            return new PromptPreview(null, [ex.Message], paths);
        }
    }

    /// <summary>Renders a saved version (or one of its variants) and its system prompt against a sample.</summary>
    public async Task<PromptPreview?> PreviewAsync(Guid versionId, string? variant, JsonNode? sampleInput, JsonObject? parameters, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.PromptTemplateVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null) return null;
        var template = version.Template;
        if (!string.IsNullOrEmpty(variant))
        {
            var chosen = version.Variants.FirstOrDefault(v => v.Name == variant);
            if (chosen is null) return new PromptPreview(null, [$"v{version.Number} has no variant '{variant}'."], []);
            template = chosen.Template;
        }
        var preview = Preview(template, sampleInput, parameters);
        var system = Preview(version.SystemPrompt, sampleInput, parameters);
        return preview with { RenderedSystem = system.Rendered, Variant = string.IsNullOrEmpty(variant) ? null : variant };
    }

    /// <summary>The variable paths a template reads and what is wrong with it, for listing while an author types.</summary>
    public static (IReadOnlyList<string> Paths, IReadOnlyList<string> Problems) Inspect(string template)
    {
        try
        {
            var parsed = LiquidTemplate.Parse(template ?? "");
            return (parsed.VariablePaths, PromptRenderer.Check(template ?? ""));
        }
        catch (TemplateSyntaxException ex)
        {
            return ([], [ex.Message]);
        }
    }

    private async Task<PromptTemplateDetails?> GetAsync(System.Linq.Expressions.Expression<Func<PromptTemplate, bool>> which, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var template = await db.PromptTemplates.AsNoTracking().Where(which).Select(t => new { t.Id, t.Key, t.Name }).FirstOrDefaultAsync(cancellationToken);
        if (template is null) return null;
        var versions = await db.PromptTemplateVersions.AsNoTracking().Where(v => v.PromptTemplateId == template.Id)
            .OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        var ids = versions.Select(v => v.Id.ToString()).ToList();
        var authors = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(PromptTemplateVersion) && ids.Contains(a.EntityId) && a.Action == Domain.Common.AuditAction.Created)
            .Select(a => new { a.EntityId, a.UserName }).ToListAsync(cancellationToken);
        var byId = authors.GroupBy(a => a.EntityId).ToDictionary(g => g.Key, g => g.First().UserName);
        return new PromptTemplateDetails(template.Id, template.Key, template.Name,
            versions.Select(v => View(v, byId.GetValueOrDefault(v.Id.ToString()))).ToList());
    }

    private static async Task<SaveResult<PromptVersionView>> ConflictAsync(AiFlowDbContext db, Guid templateId, int basedOn, CancellationToken cancellationToken)
    {
        var newest = await db.PromptTemplateVersions.AsNoTracking().Where(v => v.PromptTemplateId == templateId)
            .OrderByDescending(v => v.Number).Select(v => new { v.Id, v.Number }).FirstAsync(cancellationToken);
        var author = await LastAuthor.FindAsync(db, nameof(PromptTemplateVersion), newest.Id, cancellationToken);
        var started = basedOn == 0 ? "you started this template" : $"you started from v{basedOn}";
        return SaveResult.Conflict<PromptVersionView>(
            $"v{newest.Number} was saved {LastAuthor.Describe(author)} after {started}; nothing was saved and your text is kept here. " +
            $"Compare with v{newest.Number}, then save again to make yours v{newest.Number + 1}.");
    }

    private PromptTemplateVersion NewVersion(Guid templateId, int number, PromptVersionDraft draft) => new()
    {
        PromptTemplateId = templateId,
        Number = number,
        SystemPrompt = draft.SystemPrompt ?? "",
        Template = draft.Template,
        Variables = [.. Variables(draft)],
        Variants = [.. draft.Variants.Select(v => v with { Name = v.Name.Trim() })],
        CreatedAt = time.GetUtcNow(),
    };

    private static PromptVersionView View(PromptTemplateVersion v, string? createdBy) => new(
        v.Id, v.Number, v.SystemPrompt, v.Template, v.Variables,
        new[] { v.SystemPrompt, v.Template }.Concat(v.Variants.Select(x => x.Template)).SelectMany(t => Inspect(t).Paths).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        v.Variants, v.CreatedAt, createdBy);

    private static IEnumerable<string> Variables(PromptVersionDraft draft) =>
        new[] { draft.SystemPrompt ?? "", draft.Template }.Concat(draft.Variants.Select(v => v.Template))
            .SelectMany(t => LiquidTemplate.Parse(t).RootVariables)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
}
