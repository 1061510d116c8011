namespace Orchestrator.Testing;

/// <summary>Unique task hub names and table prefixes, so tests never see each other's data.</summary>
public static class TestNames
{
    /// <summary>Letters and digits, starting with a letter, short enough for hub and table names.</summary>
    public static string Unique(string stem = "t") => stem + Guid.NewGuid().ToString("N")[..10];
}
