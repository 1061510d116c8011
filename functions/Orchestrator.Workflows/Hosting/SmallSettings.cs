using System.ComponentModel.DataAnnotations;

namespace Orchestrator.Workflows.Hosting;

/// <summary>Settings <c>Tables__*</c>: the read model's tables are named <c>{Prefix}Items</c>, <c>{Prefix}Outbox</c>, ...</summary>
public sealed class TableSettings
{
    public const string Section = "Tables";

    /// <summary>Table names are letters and digits starting with a letter, at most 63 long.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{0,39}$",
        ErrorMessage = "The field {0} must be 1 to 40 letters or digits, starting with a letter (it starts table names).")]
    [Display(Name = "Tables__Prefix")]
    public string Prefix { get; set; } = "orc";
}

/// <summary>Settings <c>Deadlines__*</c> (see <see cref="Domain.Deadlines.DeadlineOptions"/>).</summary>
public sealed class DeadlineSettings
{
    public const string Section = "Deadlines";

    [Range(1, 60), Display(Name = "Deadlines__UrgentWorkingDays")]
    public int UrgentWorkingDays { get; set; } = 5;
}

/// <summary>Settings <c>Import__*</c>.</summary>
public sealed class ImportSettings
{
    public const string Section = "Import";

    /// <summary>The default of <see cref="ImmediateMaxItems"/>.</summary>
    public const int DefaultImmediateMaxItems = 100;

    /// <summary>
    /// A directive of at most this many items has every item started before the import answers
    /// (201); a larger one answers 202 and its items start in the background. The bound keeps an
    /// import request within a few seconds on any plan (the Functions front end gives up after 230 s).
    /// </summary>
    [Range(1, 1000), Display(Name = "Import__ImmediateMaxItems")]
    public int ImmediateMaxItems { get; set; } = DefaultImmediateMaxItems;
}

/// <summary>Settings <c>Operations__*</c>.</summary>
public sealed class OperationsSettings
{
    public const string Section = "Operations";

    /// <summary>The retention purge removes the history of items that ended more than this many days ago; 0 = off.</summary>
    [Range(0, 36500), Display(Name = "Operations__PurgeEndedAfterDays")]
    public int PurgeEndedAfterDays { get; set; }
}
