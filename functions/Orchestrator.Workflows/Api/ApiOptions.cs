using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Workflows.Api;

/// <summary>Settings under <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>The API key of the tracking officers (every route but <c>api/admin/*</c>).</summary>
    public string? Key { get; set; }

    /// <summary>The operators' admin key (every route). In Azure both keys come from Key Vault; Entra ID sign-in works beside them.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Request bodies larger than this are refused with 413.</summary>
    [Range(typeof(long), "1", "1073741824"), Display(Name = "Api__MaxBodyBytes")]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>A key that is an unresolved Key Vault reference would open the API to anyone who reads the template.</summary>
public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        foreach (var (setting, value) in new[] { ("Api__Key", options.Key), ("Api__AdminKey", options.AdminKey) })
            if (Settings.IsUnresolvedKeyVaultReference(value))
                failures.Add($"{setting}: is a Key Vault reference the platform could not resolve ({value}); check the app's " +
                             "identity has Key Vault Secrets User on the vault and that the secret exists.");
        return Settings.Result(failures);
    }
}
