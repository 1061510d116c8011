using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Orchestrator.Functions.Hosting;

// Everything the app registers is in FunctionsAppServices, which the tests build too.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureOrchestratorApp();
builder.Build().Run();
