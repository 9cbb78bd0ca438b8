using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Settings;

namespace AiFlow.Tests.Infrastructure.Settings;

/// <summary>The catalogue's checks, which the API, the page and the configuration provider all go through.</summary>
public sealed class SettingValueCheckTests
{
    private static SettingCheck Check(string key, string json) => SettingValueCheck.Check(SettingsCatalogue.Find(key)!, JsonNode.Parse(json));

    [Fact]
    public void The_catalogue_lists_every_key_the_issue_names_once()
    {
        string[] required =
        [
            "Validation:ModeOverride", "AiFlow:Review:DefaultSamplingRate",
            "Retention:RawResponsesDays", "Retention:RenderedPromptsDays", "Retention:SuccessfulIrArtifactsDays", "Retention:RequestLogsDays",
            "Retention:MediaDays",
            "AiFlow:Budgets:SoftLimitPercent", "AiFlow:RateLimits:ApiBurst", "AiFlow:RateLimits:ApiPerSecond", "AiFlow:RateLimits:CostlyBurst",
            "AiFlow:RateLimits:CostlyPerMinute", "AiFlow:RateLimits:SignInPerMinute",
            "Media:MaxUploadBytes", "Media:PublicBaseUrl", "Media:FetchUrlMinutes", "Media:Storage:Provider", "Media:Storage:S3:ServiceUrl", "Media:Storage:S3:Bucket", "Media:Storage:S3:Region",
            "Media:Storage:S3:AccessKeyIdVariable", "Media:Storage:S3:SecretAccessKeyVariable",
        ];
        Assert.Equal(required.Order(), SettingsCatalogue.All.Select(d => d.Key).Order());
        Assert.Equal(SettingsCatalogue.All.Count, SettingsCatalogue.All.Select(d => d.Key.ToUpperInvariant()).Distinct().Count());
    }

    [Theory]
    [InlineData("Retention:RenderedPromptsDays", "30", "30")]
    [InlineData("Retention:RenderedPromptsDays", "3650", "3650")]
    [InlineData("Retention:RenderedPromptsDays", "null", "")]
    [InlineData("Retention:RenderedPromptsDays", "\"\"", "")]
    [InlineData("Retention:MediaDays", "365", "365")]
    [InlineData("Retention:MediaDays", "null", "")]
    [InlineData("AiFlow:Budgets:SoftLimitPercent", "100", "100")]
    [InlineData("AiFlow:Review:DefaultSamplingRate", "0.25", "0.25")]
    [InlineData("Media:MaxUploadBytes", "4294967296", "4294967296")]
    [InlineData("Validation:ModeOverride", "\"ENFORCE\"", "enforce")]
    [InlineData("Validation:ModeOverride", "null", "")]
    [InlineData("Media:Storage:Provider", "\"s3\"", "S3")]
    [InlineData("Media:Storage:S3:ServiceUrl", "\"http://127.0.0.1:9000\"", "http://127.0.0.1:9000")]
    [InlineData("Media:PublicBaseUrl", "\"https://aiflow.example.com/console/\"", "https://aiflow.example.com/console/")]
    [InlineData("Media:PublicBaseUrl", "null", "")]
    [InlineData("Media:FetchUrlMinutes", "1440", "1440")]
    [InlineData("Media:Storage:S3:Bucket", "\"aiflow-media\"", "aiflow-media")]
    [InlineData("Media:Storage:S3:AccessKeyIdVariable", "\"AIFLOW_S3_ACCESS_KEY\"", "AIFLOW_S3_ACCESS_KEY")]
    [InlineData("Media:Storage:S3:SecretAccessKeyVariable", "\"Media:S3:SecretKey\"", "Media:S3:SecretKey")]
    public void An_accepted_value_becomes_the_configuration_string_options_bind(string key, string json, string expected)
    {
        var check = Check(key, json);

        Assert.True(check.Accepted, check.Error);
        Assert.Equal(expected, check.ConfigurationValue);
    }

    [Theory]
    [InlineData("Retention:RenderedPromptsDays", "\"30\"", "whole number")]
    [InlineData("Retention:RenderedPromptsDays", "30.5", "whole number")]
    [InlineData("Retention:RenderedPromptsDays", "0", "out of range")]
    [InlineData("Retention:RenderedPromptsDays", "3651", "out of range")]
    [InlineData("Retention:RenderedPromptsDays", "true", "whole number")]
    [InlineData("Retention:RenderedPromptsDays", "[30]", "whole number")]
    [InlineData("Retention:MediaDays", "0", "out of range")]
    [InlineData("Retention:MediaDays", "-7", "out of range")]
    [InlineData("Retention:MediaDays", "1.5", "whole number")]
    [InlineData("AiFlow:Budgets:SoftLimitPercent", "0", "out of range")]
    [InlineData("AiFlow:Budgets:SoftLimitPercent", "101", "out of range")]
    [InlineData("AiFlow:Budgets:SoftLimitPercent", "null", "needs a value")]
    [InlineData("AiFlow:Review:DefaultSamplingRate", "1.5", "out of range")]
    [InlineData("AiFlow:Review:DefaultSamplingRate", "-0.1", "out of range")]
    [InlineData("AiFlow:RateLimits:ApiBurst", "0", "out of range")]
    [InlineData("Media:MaxUploadBytes", "1023", "out of range")]
    [InlineData("Media:MaxUploadBytes", "4294967297", "out of range")]
    [InlineData("Validation:ModeOverride", "\"strict\"", "none of them")]
    [InlineData("Validation:ModeOverride", "1", "takes a string")]
    [InlineData("Media:Storage:Provider", "\"Azure\"", "none of them")]
    [InlineData("Media:Storage:Provider", "null", "needs a value")]
    [InlineData("Media:Storage:S3:ServiceUrl", "\"ftp://files.example\"", "not an http or https URL")]
    [InlineData("Media:Storage:S3:ServiceUrl", "\"minio:9000\"", "not an http or https URL")]
    [InlineData("Media:Storage:S3:ServiceUrl", "\"https://admin:hunter2@minio.example\"", "user name or password")]
    [InlineData("Media:Storage:S3:Bucket", "\"Upper_Case\"", "bucket name")]
    [InlineData("Media:PublicBaseUrl", "\"https://aiflow.example.com/?tenant=1\"", "query or fragment")]
    [InlineData("Media:PublicBaseUrl", "\"https://aiflow.example.com/#top\"", "query or fragment")]
    [InlineData("Media:PublicBaseUrl", "\"aiflow.example.com\"", "not an http or https URL")]
    [InlineData("Media:FetchUrlMinutes", "0", "out of range")]
    [InlineData("Media:FetchUrlMinutes", "1441", "out of range")]
    [InlineData("Media:FetchUrlMinutes", "null", "needs a value")]
    [InlineData("Media:Storage:S3:Region", "\"EU WEST\"", "region name")]
    [InlineData("Media:Storage:S3:Bucket", "null", "needs a value")]
    [InlineData("Media:Storage:S3:SecretAccessKeyVariable", "\"\"", "needs a value")]
    [InlineData("Media:Storage:S3:AccessKeyIdVariable", "\"1BAD NAME\"", "looks like a secret")]
    [InlineData("Media:Storage:S3:AccessKeyIdVariable", "\"9starts-with-a-digit\"", "name of an environment variable")]
    public void A_value_of_the_wrong_type_or_out_of_range_is_refused_with_what_the_setting_takes(string key, string json, string reason)
    {
        var check = Check(key, json);

        Assert.False(check.Accepted);
        Assert.Contains(reason, check.Error, StringComparison.Ordinal);
        Assert.Contains(key, check.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE")]
    [InlineData("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("sk-proj-abc123")]
    [InlineData("ghp_16C7e42F292c6912E7710c838347Ae178B4a")]
    [InlineData("Q3AM3UQ867SPQQA43P2F")]
    [InlineData("zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG")]
    [InlineData("afk_0123456789abcdef")]
    public void A_secret_in_a_reference_field_is_refused_without_echoing_it(string secret)
    {
        var check = Check("Media:Storage:S3:SecretAccessKeyVariable", System.Text.Json.JsonSerializer.Serialize(secret));

        Assert.False(check.Accepted);
        Assert.Contains("looks like a secret", check.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_value_that_is_not_json_is_refused_rather_than_applied()
    {
        var check = SettingValueCheck.CheckStored(SettingsCatalogue.Find("Retention:RenderedPromptsDays")!, "{not json");

        Assert.False(check.Accepted);
    }

    [Fact]
    public void Keys_are_found_without_regard_to_case_like_configuration_keys()
    {
        Assert.Equal("Retention:RenderedPromptsDays", SettingsCatalogue.Find("retention:renderedpromptsdays")?.Key);
        Assert.Null(SettingsCatalogue.Find("Retention:Unknown"));
    }
}
