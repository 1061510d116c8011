namespace Orchestrator.Infra.Tests;

/// <summary>How the local settings list maps onto the Azure app settings list.</summary>
/// <param name="LocalOnly">Sample settings that must NOT be set in Azure, with the reason.</param>
/// <param name="LocalOnlyPrefixes">Sample setting prefixes (e.g. "Azurite__") that are local-only, with the reason.</param>
/// <param name="IdentityConnections">
/// Sample connection-string settings X that Azure replaces with identity-based X__* settings.
/// </param>
/// <param name="AzureOnly">Azure settings with no local counterpart, with the reason.</param>
internal sealed record SettingsRules(
    IReadOnlyDictionary<string, string> LocalOnly,
    IReadOnlyDictionary<string, string> LocalOnlyPrefixes,
    IReadOnlyDictionary<string, string> IdentityConnections,
    IReadOnlyDictionary<string, string> AzureOnly)
{
    public static readonly SettingsRules None = new(
        new Dictionary<string, string>(), new Dictionary<string, string>(),
        new Dictionary<string, string>(), new Dictionary<string, string>());

    // Setting names are case-insensitive (.NET configuration), so every lookup ignores case.
    public bool IsLocalOnly(string key) =>
        Has(LocalOnly, key) || LocalOnlyPrefixes.Keys.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    public bool IsIdentityConnection(string key) => Has(IdentityConnections, key);

    public bool IsAzureOnly(string key) => Has(AzureOnly, key);

    private static bool Has(IReadOnlyDictionary<string, string> map, string key) =>
        map.Keys.Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Differences between the two lists; empty lists mean they agree.</summary>
internal sealed record SettingsDiff(
    IReadOnlyList<string> MissingInAzure,
    IReadOnlyList<string> MissingInSample,
    IReadOnlyList<string> LocalOnlyButInAzure)
{
    public bool Agree => MissingInAzure.Count == 0 && MissingInSample.Count == 0 && LocalOnlyButInAzure.Count == 0;

    public override string ToString() =>
        $"In local.settings.sample.json but not set by infra/main.bicep: [{string.Join(", ", MissingInAzure)}]\n" +
        $"Set by infra/main.bicep but not in local.settings.sample.json: [{string.Join(", ", MissingInSample)}]\n" +
        $"Local-only settings that infra/main.bicep sets anyway: [{string.Join(", ", LocalOnlyButInAzure)}]";
}

/// <summary>Compares local.settings.sample.json's Values keys with the app settings Azure gets.</summary>
internal static class SettingsComparer
{
    public static SettingsDiff Compare(IEnumerable<string> sampleKeys, IEnumerable<string> azureKeys, SettingsRules rules)
    {
        var sample = new HashSet<string>(sampleKeys, StringComparer.OrdinalIgnoreCase);
        var azure = new HashSet<string>(azureKeys, StringComparer.OrdinalIgnoreCase);

        var missingInAzure = new List<string>();
        foreach (var key in sample)
        {
            if (rules.IsLocalOnly(key))
            {
                continue;
            }

            var satisfied = rules.IsIdentityConnection(key)
                ? azure.Any(a => a.StartsWith(key + "__", StringComparison.OrdinalIgnoreCase))
                : azure.Contains(key);
            if (!satisfied)
            {
                missingInAzure.Add(key);
            }
        }

        var missingInSample = new List<string>();
        var localOnlyButInAzure = new List<string>();
        foreach (var key in azure)
        {
            if (rules.IsLocalOnly(key))
            {
                localOnlyButInAzure.Add(key);
                continue;
            }

            var accounted = sample.Contains(key)
                || rules.IsAzureOnly(key)
                || rules.IdentityConnections.Keys.Any(c =>
                    sample.Contains(c) && key.StartsWith(c + "__", StringComparison.OrdinalIgnoreCase));
            if (!accounted)
            {
                missingInSample.Add(key);
            }
        }

        return new SettingsDiff(Sorted(missingInAzure), Sorted(missingInSample), Sorted(localOnlyButInAzure));
    }

    private static List<string> Sorted(List<string> keys) => keys.Order(StringComparer.Ordinal).ToList();
}
