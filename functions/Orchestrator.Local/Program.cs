using Orchestrator.Local;

// With no verb (or only host options such as --urls), the executable serves; verbs are subcommands.
return await CommandLine.RunAsync(args);
