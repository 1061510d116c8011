using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Orchestrator.Workflows.Hosting;

/// <summary>
/// How every settings section is read: bound to an options class whose data annotations (and, for
/// rules across fields, an <see cref="IValidateOptions{TOptions}"/>) are checked when the host
/// starts, so a bad setting stops either host at start-up rather than at the first notice or
/// import. Messages name the setting as users write it: <c>Section__Name</c> (the annotated
/// properties carry it as their display name).
/// </summary>
public static class Settings
{
    /// <summary>Binds <paramref name="section"/> to <typeparamref name="T"/>, validated on start. The
    /// bound instance is also registered as <typeparamref name="T"/> itself, which is what the services take.</summary>
    public static OptionsBuilder<T> AddValidatedSettings<T>(this IServiceCollection services, IConfiguration configuration,
        string section) where T : class
    {
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services.AddOptions<T>()
            .Bind(configuration.GetSection(section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }

    /// <summary>Adds the validator of <typeparamref name="T"/>'s rules that annotations cannot say.</summary>
    public static OptionsBuilder<T> ValidateWith<T, TValidator>(this OptionsBuilder<T> options)
        where T : class where TValidator : class, IValidateOptions<T>
    {
        options.Services.AddSingleton<IValidateOptions<T>, TValidator>();
        return options;
    }

    /// <summary>Empty, or an absolute http(s) address (a relative one, or <c>host:port</c>, would make
    /// broken links or calls).</summary>
    public static bool IsEmptyOrHttpUrl(string? value) =>
        string.IsNullOrWhiteSpace(value)
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    public static bool IsEmailAddress(string? value) =>
        !string.IsNullOrWhiteSpace(value) && new EmailAddressAttribute().IsValid(value);

    /// <summary>
    /// A Key Vault reference App Service could not resolve: the platform passes it on as its own
    /// text, which anyone who reads the settings or the template could then use as the secret.
    /// </summary>
    public static bool IsUnresolvedKeyVaultReference(string? value) =>
        value is not null && value.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);

    /// <summary>The result of a list of failures, each starting with the setting it is about.</summary>
    public static ValidateOptionsResult Result(IReadOnlyList<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
