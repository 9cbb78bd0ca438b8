namespace AiFlow.Infrastructure.Settings;

/// <summary>
/// Every key an Admin may change at run time (ADR 0037), and nothing else: the API answers 404 for a key not listed
/// here, and the configuration provider ignores a stored row whose key or value this catalogue does not accept.
/// Keys are configuration paths, so the options class that reads a key (through <c>IOptionsMonitor</c>) sees the
/// database's value on its next read.
/// </summary>
public static class SettingsCatalogue
{
    private const string Days = "whole days 1–3650, or empty to keep for ever";

    public static readonly IReadOnlyList<SettingDefinition> All =
    [
        new("Validation:ModeOverride", "Validation", SettingType.Choice,
            "Overrides every step version's IR validation mode: off skips validation, warn records failures without failing the step, enforce fails it.",
            "empty: each step version's own mode", "off, warn or enforce, or empty for each step version's own mode",
            Choices: ["off", "warn", "enforce"], AllowEmpty: true),

        new("AiFlow:Review:DefaultSamplingRate", "Review", SettingType.Number,
            "Share of a step's outputs sent to human review that a new step version starts with when its author does not choose one.",
            "0 (ReviewOptions)", "a number from 0 to 1", Min: 0, Max: 1),

        new("Retention:RawResponsesDays", "Retention", SettingType.Integer, "Days raw model responses are kept.", "30 (RetentionOptions)", Days, 1, 3650, AllowEmpty: true),
        new("Retention:RenderedPromptsDays", "Retention", SettingType.Integer, "Days rendered prompts are kept.", "30 (RetentionOptions)", Days, 1, 3650, AllowEmpty: true),
        new("Retention:SuccessfulIrArtifactsDays", "Retention", SettingType.Integer, "Days the IR artifacts of successful steps are kept.", "90 (RetentionOptions)", Days, 1, 3650, AllowEmpty: true),
        new("Retention:RequestLogsDays", "Retention", SettingType.Integer, "Days model request logs are kept (dashboards keep their roll-ups).", "90 (RetentionOptions)", Days, 1, 3650, AllowEmpty: true),
        new("Retention:MediaDays", "Retention", SettingType.Integer,
            "Days uploaded media (and the frames and sound derived from them) are kept; older ones are deleted unless current ground truth, a run with an open review item or a run not yet finished names them.",
            "empty: kept for ever (RetentionOptions)", Days, 1, 3650, AllowEmpty: true),

        new("AiFlow:Budgets:SoftLimitPercent", "Budgets", SettingType.Integer,
            "Percent of a budget at which the dashboards warn, for budgets that set no soft limit of their own.",
            "80 (BudgetOptions)", "a whole percent from 1 to 100", 1, 100),

        new("AiFlow:RateLimits:ApiBurst", "Rate limits", SettingType.Integer,
            "Requests one API key or signed-in user may send at once to /api (the token bucket's size).", "100 (RateLimitOptions)", "a whole number from 1 to 1,000,000", 1, 1_000_000),
        new("AiFlow:RateLimits:ApiPerSecond", "Rate limits", SettingType.Integer,
            "Requests per second one API key or user may keep up on /api.", "20 (RateLimitOptions)", "a whole number from 1 to 1,000,000", 1, 1_000_000),
        new("AiFlow:RateLimits:CostlyBurst", "Rate limits", SettingType.Integer,
            "Costly calls (start, replay or retry a run, start an evaluation, preview a prompt) one key or user may send at once.", "10 (RateLimitOptions)", "a whole number from 1 to 1,000,000", 1, 1_000_000),
        new("AiFlow:RateLimits:CostlyPerMinute", "Rate limits", SettingType.Integer,
            "Costly calls per minute one key or user may keep up.", "30 (RateLimitOptions)", "a whole number from 1 to 60,000,000", 1, 60_000_000),
        new("AiFlow:RateLimits:SignInPerMinute", "Rate limits", SettingType.Integer,
            "Sign-in attempts per client address per minute.", "10 (RateLimitOptions)", "a whole number from 1 to 1,000,000", 1, 1_000_000),

        new("Media:MaxUploadBytes", "Media", SettingType.Integer,
            "Largest file one upload may carry, in bytes.", "209715200, 200 MB (MediaOptions)", "a whole number of bytes from 1 KB (1024) to 4 GB (4294967296)", 1024, 4L * 1024 * 1024 * 1024),
        new("Media:PublicBaseUrl", "Media", SettingType.Url,
            "The console's address as model servers reach it. When set, images go by a signed link to endpoints that fetch media; when empty, every image goes inline.",
            "empty: images always inline (MediaOptions)", "an http or https URL without a user name, password, query or fragment, or empty", AllowEmpty: true),
        new("Media:FetchUrlMinutes", "Media", SettingType.Integer,
            "Minutes a media link handed to a model server stays valid: long enough for a queued call, short enough not to matter once copied.",
            "15 (MediaOptions)", "whole minutes from 1 to 1440", 1, 1440),
        new("Media:Storage:Provider", "Media", SettingType.Choice,
            "Where media bytes are stored: the local file system or S3-compatible object storage.", "FileSystem (MediaOptions)", "FileSystem or S3",
            Choices: ["FileSystem", "S3"]),
        new("Media:Storage:S3:ServiceUrl", "Media", SettingType.Url,
            "The S3-compatible service's URL (MinIO, S3, GCS); empty for AWS's own endpoint of the region.", "empty (MediaOptions)",
            "an http or https URL without a user name, password, query or fragment, or empty", AllowEmpty: true),
        new("Media:Storage:S3:Bucket", "Media", SettingType.Text,
            "The bucket media are stored in.", "aiflow-media (MediaOptions)", "a bucket name: 3–63 lower-case letters, digits, dots and hyphens",
            Pattern: "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"),
        new("Media:Storage:S3:Region", "Media", SettingType.Text,
            "The bucket's region, e.g. eu-west-1 (MinIO accepts any).", "us-east-1 (MediaOptions)", "a region name: lower-case letters, digits and hyphens",
            Pattern: "^[a-z0-9][a-z0-9-]{0,30}[a-z0-9]$"),
        new("Media:Storage:S3:AccessKeyIdVariable", "Media", SettingType.SecretReference,
            "The name of the environment variable or user secret holding the S3 access key id; the key itself is never stored here.", "AIFLOW_S3_ACCESS_KEY_ID (MediaOptions)",
            SettingValueCheck.ReferenceAccepts),
        new("Media:Storage:S3:SecretAccessKeyVariable", "Media", SettingType.SecretReference,
            "The name of the environment variable or user secret holding the S3 secret access key; the key itself is never stored here.", "AIFLOW_S3_SECRET_ACCESS_KEY (MediaOptions)",
            SettingValueCheck.ReferenceAccepts),
    ];

    private static readonly Dictionary<string, SettingDefinition> ByKey = All.ToDictionary(d => d.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>The definition of <paramref name="key"/> (configuration keys ignore case), or null when it is not a setting.</summary>
    public static SettingDefinition? Find(string key) => ByKey.GetValueOrDefault(key);
}
