namespace Orchestrator.Workflows; internal static class Placeholder {}
