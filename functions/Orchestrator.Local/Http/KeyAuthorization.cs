using Orchestrator.Workflows.Security;

namespace Orchestrator.Local.Http;

/// <summary>
/// The local host's side of <see cref="CallerAuthorization"/>: keys only (no platform sign-in here).
/// The role an endpoint needs comes from the one path rule, <see cref="ApiAccess.Required"/>, as in
/// the Functions app; the level an endpoint declares is what the OpenAPI document shows, and a test
/// keeps the two equal.
/// </summary>
public static class KeyAuthorization
{
    public enum Level { Function, Admin }

    public static ApiRole RoleOf(Level level) => level == Level.Admin ? ApiRole.Operator : ApiRole.Officer;
}

public static class KeyAuthorizationExtensions
{
    /// <summary>Requires the function key (or the admin key) on this endpoint.</summary>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, KeyAuthorization.Level level = KeyAuthorization.Level.Function)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var authorization = context.HttpContext.RequestServices.GetRequiredService<CallerAuthorization>();
            var required = ApiAccess.Required(context.HttpContext.Request.Path);
            return authorization.Authorize(context.HttpContext, required) ?? await next(context);
        })
        .WithMetadata(new KeyRequirement(level))
        .ProducesProblem(StatusCodes.Status401Unauthorized);
}
