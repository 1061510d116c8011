using Microsoft.Extensions.Configuration;
using Orchestrator.Domain.Escalation;

namespace Orchestrator.Workflows.Items;

/// <summary>
/// The default escalation policy from configuration (<c>Escalation__*</c>). It is read when a
/// directive is imported and copied into each item's input: changing it later never rewrites a
/// running item's ladder.
/// </summary>
public static class EscalationPolicySettings
{
    public static EscalationPolicy Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Escalation");
        var defaults = EscalationPolicy.Default;
        int Get(string key, int fallback) => section.GetValue(key, fallback);
        var policy = defaults with
        {
            ReminderDaysBefore = Get("ReminderDaysBefore", defaults.ReminderDaysBefore),
            ReminderWorkingDaysBefore = Get("ReminderWorkingDaysBefore", defaults.ReminderWorkingDaysBefore),
            Level2DaysAfterLevel1 = Get("Level2AfterDays", defaults.Level2DaysAfterLevel1),
            Level3DaysAfterLevel2 = Get("Level3AfterDays", defaults.Level3DaysAfterLevel2),
            Level3RepeatEveryDays = Get("RepeatEveryDays", defaults.Level3RepeatEveryDays),
            Level3MaxRepeats = Get("MaxRepeats", defaults.Level3MaxRepeats),
        };
        // The same ranges as a policy posted with an import: refuse to start rather than plan absurd ladders.
        var problems = policy.Validate();
        if (problems.Count > 0)
            throw new InvalidOperationException("The escalation policy in settings is out of range: " + string.Join("; ",
                problems.Select(p => $"Escalation__{SettingNames.GetValueOrDefault(p.Path, p.Path)} ({p.Path}): {p.Message}")));
        return policy;
    }

    /// <summary>The setting that holds each policy field (those that differ from the field's name).</summary>
    private static readonly Dictionary<string, string> SettingNames = new()
    {
        ["reminderDaysBefore"] = "ReminderDaysBefore",
        ["reminderWorkingDaysBefore"] = "ReminderWorkingDaysBefore",
        ["level2DaysAfterLevel1"] = "Level2AfterDays",
        ["level3DaysAfterLevel2"] = "Level3AfterDays",
        ["level3RepeatEveryDays"] = "RepeatEveryDays",
        ["level3MaxRepeats"] = "MaxRepeats",
    };
}
