namespace Orchestrator.Domain; internal static class Placeholder {}
