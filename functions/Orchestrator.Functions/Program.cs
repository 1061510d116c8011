using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Functions.Hosting;
using Orchestrator.Workflows.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// One JSON shape for orchestration payloads on both hosts (see WorkflowJson).
builder.Services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(WorkflowJson.Options));
builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();
builder.Services.AddOrchestratorWorkflows(builder.Configuration);
builder.Services.AddSingleton<IWorkerState, FunctionsWorkerState>();
builder.Services.AddSingleton<Orchestrator.Workflows.Notices.IHostAddress, SiteAddress>();

builder.Build().Run();
