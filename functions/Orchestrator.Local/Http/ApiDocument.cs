using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Orchestrator.Workflows.Api;
using Scalar.AspNetCore;

namespace Orchestrator.Local.Http;

/// <summary>
/// The OpenAPI document of the HTTP API (<c>/openapi/v1.json</c>) and its reference page
/// (<c>/scalar/v1</c>). The document is built from the local host's endpoint metadata (see
/// <see cref="LocalRoutes"/>); the Functions app serves the same routes, and docs/openapi/v1.json is
/// this document committed for it (tests keep the file, both hosts' routes and the document equal).
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";
    public const string Path = "/openapi/v1.json";
    public const string ReferencePage = "/scalar/v1";
    public const string FunctionKeyScheme = "functionKey";
    public const string AdminKeyScheme = "adminKey";

    public static IServiceCollection AddApiDocument(this IServiceCollection services)
    {
        // Schemas follow the HTTP JSON options, which AddOrchestratorWorkflows gives the bodies' enum shape.
        return services.AddOpenApi(Name, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Orchestrator API",
                    Version = Name,
                    Description = "Deadline tracking of government directives. Served by the Azure Functions app and by " +
                                  "the local host on the same routes. Errors are RFC 9457 problem details.",
                };
                // The same document whichever host or port serves it: clients call the address they got it from.
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[FunctionKeyScheme] = KeyScheme(
                    "The officers' API key (Api:Key, both hosts); the admin key is accepted too. The code query parameter " +
                    "may carry it instead. In Azure an Entra ID sign-in with the Orchestrator.Officer app role works instead of a key.");
                document.Components.SecuritySchemes[AdminKeyScheme] = KeyScheme(
                    "The operators' admin key (Api:AdminKey, both hosts), in the same header. In Azure an Entra ID sign-in " +
                    "with the Orchestrator.Operator app role works instead.");
                return Task.CompletedTask;
            });
            // The API leaves null members out (WorkflowJson), so a member that may be null may be absent: not required.
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (schema.Required is { Count: > 0 } required)
                    foreach (var property in context.JsonTypeInfo.Properties.Where(p => p.IsGetNullable))
                        required.Remove(property.Name);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var key = context.Description.ActionDescriptor.EndpointMetadata.OfType<KeyRequirement>().LastOrDefault();
                if (key is not null)
                {
                    var scheme = key.Level == KeyAuthorization.Level.Admin ? AdminKeyScheme : FunctionKeyScheme;
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] }];
                }
                return Task.CompletedTask;
            });
        });
    }

    private static OpenApiSecurityScheme KeyScheme(string description) => new()
    {
        Type = SecuritySchemeType.ApiKey,
        In = ParameterLocation.Header,
        Name = "x-functions-key",
        Description = description,
    };

    public static void MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi(Path).ExcludeFromDescription();
        app.MapScalarApiReference(o => o.WithTitle("Orchestrator API")).ExcludeFromDescription();
    }
}

/// <summary>Endpoint metadata: the key an endpoint asks for (read into the document's security requirements).</summary>
public sealed record KeyRequirement(KeyAuthorization.Level Level);

/// <summary>
/// The problem details every error carries (<see cref="ApiResults"/>): bad input lists each field
/// and what was expected of it in <c>errors</c>. Documentation only: handlers write it through ApiResults.
/// </summary>
public sealed class ApiProblem : ProblemDetails
{
    public IReadOnlyList<FieldError>? Errors { get; init; }
}
