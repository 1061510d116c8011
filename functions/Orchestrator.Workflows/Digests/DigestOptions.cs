using System.ComponentModel.DataAnnotations;

namespace Orchestrator.Workflows.Digests;

/// <summary>Settings under <c>Digests</c>: the weekly digest to each agency and the monthly report to the tracking office.</summary>
public sealed class DigestOptions
{
    public const string Section = "Digests";

    /// <summary>An agency's weekly digest lists its open items due within this many days (and its overdue ones).</summary>
    public const int DueWithinDays = 14;

    public bool Enabled { get; set; }

    /// <summary>With digests on, each item's own reminders are still sent (false: the weekly digest
    /// stands for them; escalations, milestones and check-ins always go).</summary>
    public bool PerItemReminders { get; set; } = true;

    /// <summary>Local host: how often it looks for a digest still to send (the Functions app runs a
    /// daily timer instead). Each digest goes once per period whatever this is.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00"), Display(Name = "Digests__PollInterval")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>True when an item's reminder step is left to the weekly digest.</summary>
    public bool RemindersInDigestOnly => Enabled && !PerItemReminders;
}
