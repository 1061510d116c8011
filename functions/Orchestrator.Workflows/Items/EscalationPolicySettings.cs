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
        return defaults with
        {
            ReminderDaysBefore = Get("ReminderDaysBefore", defaults.ReminderDaysBefore),
            ReminderWorkingDaysBefore = Get("ReminderWorkingDaysBefore", defaults.ReminderWorkingDaysBefore),
            Level2DaysAfterLevel1 = Get("Level2AfterDays", defaults.Level2DaysAfterLevel1),
            Level3DaysAfterLevel2 = Get("Level3AfterDays", defaults.Level3DaysAfterLevel2),
            Level3RepeatEveryDays = Get("RepeatEveryDays", defaults.Level3RepeatEveryDays),
            Level3MaxRepeats = Get("MaxRepeats", defaults.Level3MaxRepeats),
        };
    }
}
