namespace AiFlow.Infrastructure.Settings;

/// <summary>What a setting's value is, which decides how it is checked and turned into a configuration value.</summary>
public enum SettingType
{
    /// <summary>A JSON integer within the definition's range.</summary>
    Integer,

    /// <summary>A JSON number within the definition's range.</summary>
    Number,

    /// <summary>One of the definition's choices, matched without regard to case and stored as written in the catalogue.</summary>
    Choice,

    /// <summary>A string matching the definition's pattern.</summary>
    Text,

    /// <summary>An absolute http or https URL without credentials in it.</summary>
    Url,

    /// <summary>The name of an environment variable or user secret that holds a secret: never the secret itself.</summary>
    SecretReference,
}
