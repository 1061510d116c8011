using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Orchestrator.Workflows.Api;

namespace Orchestrator.Local.Http;

/// <summary>
/// Plays the Functions host's key check locally: a request carries its key in the
/// <c>x-functions-key</c> header (or the <c>code</c> query parameter), compared with
/// <c>Api:Key</c> (function level) or <c>Api:AdminKey</c> (admin level; it also opens function-level routes).
/// A request that passes is authenticated as the key it gave ("admin key" or "function key"):
/// that is the identity the audit table records for it.
/// </summary>
public sealed class KeyAuthorization(ApiOptions options)
{
    public enum Level { Function, Admin }

    public IResult? Check(HttpContext context, Level level)
    {
        var presented = context.Request.Headers["x-functions-key"].FirstOrDefault()
                        ?? context.Request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
            return Unauthorized("No key was given: send it in the x-functions-key header.");

        var identity = Matches(presented, options.AdminKey) ? AdminKeyIdentity
            : level == Level.Function && Matches(presented, options.Key) ? FunctionKeyIdentity
            : null;
        if (identity is null)
            return Unauthorized(level == Level.Admin ? "The key is not the admin key." : "The key is not valid.");
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, identity)], AuthenticationType));
        return null;
    }

    public const string AdminKeyIdentity = "admin key";
    public const string FunctionKeyIdentity = "function key";
    private const string AuthenticationType = "FunctionsKey";

    private static bool Matches(string presented, string? expected) =>
        !string.IsNullOrEmpty(expected) &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    private static IResult Unauthorized(string detail) =>
        ApiResults.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
}

public static class KeyAuthorizationExtensions
{
    /// <summary>Requires the function key (or the admin key) on this endpoint.</summary>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, KeyAuthorization.Level level = KeyAuthorization.Level.Function)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var keys = context.HttpContext.RequestServices.GetRequiredService<KeyAuthorization>();
            return keys.Check(context.HttpContext, level) ?? await next(context);
        })
        .WithMetadata(new KeyRequirement(level))
        .ProducesProblem(StatusCodes.Status401Unauthorized);
}
