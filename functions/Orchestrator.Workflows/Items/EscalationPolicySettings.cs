using Microsoft.Extensions.Options;
using Orchestrator.Domain.Escalation;

namespace Orchestrator.Workflows.Items;

/// <summary>
/// Settings <c>Escalation__*</c>: the default escalation policy. It is read when a directive is
/// imported and copied into each item's input: changing it later never rewrites a running item's
/// ladder. Unset numbers keep the domain's defaults.
/// </summary>
public sealed class EscalationPolicySettings
{
    public const string Section = "Escalation";

    private static readonly EscalationPolicy Defaults = EscalationPolicy.Default;

    public int ReminderDaysBefore { get; set; } = Defaults.ReminderDaysBefore;
    public int ReminderWorkingDaysBefore { get; set; } = Defaults.ReminderWorkingDaysBefore;
    public int Level2AfterDays { get; set; } = Defaults.Level2DaysAfterLevel1;
    public int Level3AfterDays { get; set; } = Defaults.Level3DaysAfterLevel2;
    public int RepeatEveryDays { get; set; } = Defaults.Level3RepeatEveryDays;
    public int MaxRepeats { get; set; } = Defaults.Level3MaxRepeats;
    /// <summary>Items without a due date: months between requests for a progress report.</summary>
    public int CheckInEveryMonths { get; set; } = EscalationPolicy.DefaultCheckInEveryMonths;
    /// <summary>Unanswered check-ins before level 1 goes to the lead's focal point.</summary>
    public int CheckInsBeforeEscalation { get; set; } = EscalationPolicy.DefaultCheckInsBeforeEscalation;

    public EscalationPolicy ToPolicy() => Defaults with
    {
        ReminderDaysBefore = ReminderDaysBefore,
        ReminderWorkingDaysBefore = ReminderWorkingDaysBefore,
        Level2DaysAfterLevel1 = Level2AfterDays,
        Level3DaysAfterLevel2 = Level3AfterDays,
        Level3RepeatEveryDays = RepeatEveryDays,
        Level3MaxRepeats = MaxRepeats,
        CheckInEveryMonths = CheckInEveryMonths,
        CheckInsBeforeEscalation = CheckInsBeforeEscalation,
    };

    /// <summary>The setting that holds each policy field, by the field's JSON name.</summary>
    internal static readonly IReadOnlyDictionary<string, string> SettingOf = new Dictionary<string, string>
    {
        ["reminderDaysBefore"] = nameof(ReminderDaysBefore),
        ["reminderWorkingDaysBefore"] = nameof(ReminderWorkingDaysBefore),
        ["level2DaysAfterLevel1"] = nameof(Level2AfterDays),
        ["level3DaysAfterLevel2"] = nameof(Level3AfterDays),
        ["level3RepeatEveryDays"] = nameof(RepeatEveryDays),
        ["level3MaxRepeats"] = nameof(MaxRepeats),
        ["checkInEveryMonths"] = nameof(CheckInEveryMonths),
        ["checkInsBeforeEscalation"] = nameof(CheckInsBeforeEscalation),
    };
}

/// <summary>The same ranges as a policy posted with an import (<see cref="EscalationPolicy.Validate"/>):
/// refuse to start rather than plan absurd ladders.</summary>
public sealed class EscalationPolicySettingsValidator : IValidateOptions<EscalationPolicySettings>
{
    public ValidateOptionsResult Validate(string? name, EscalationPolicySettings options) =>
        Hosting.Settings.Result(options.ToPolicy().Validate()
            .Select(p => $"{EscalationPolicySettings.Section}__{EscalationPolicySettings.SettingOf.GetValueOrDefault(p.Path, p.Path)}: {p.Message}.")
            .ToList());
}
