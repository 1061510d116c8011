using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Domain.Calendar;
using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Deadlines;

/// <summary>
/// Turns a Vietnamese deadline phrase and the directive's issue date into a
/// <see cref="DeadlineInterpretation"/>. Readings follow BRIEF §2 (Civil Code 2015 Art. 146–148):
/// đầu = first day, giữa = 15th (giữa năm = 30 June), cuối / "trong" / bare period = last day;
/// a last day on a weekend or holiday rolls forward to the next working day.
/// "trước ngày D" is read literally as "before D": the last day is D − 1.
/// </summary>
public sealed partial class DeadlineInterpreter(WorkingDayCalendar calendar, DeadlineOptions? options = null)
{
    private readonly DeadlineOptions _options = options ?? new DeadlineOptions();

    public WorkingDayCalendar Calendar => calendar;

    public static readonly IReadOnlyList<string> AcceptedForms =
    [
        "quarter: \"quý III năm 2023\", \"trong quý 3/2023\", \"Q3/2023\" (đầu/giữa/cuối quý ... also)",
        "month: \"tháng 12/2023\", \"trong tháng 12 năm 2023\", \"đầu/giữa/cuối tháng 12 năm 2023\"",
        "half year: \"6 tháng đầu năm 2024\", \"6 tháng cuối năm 2024\", \"nửa đầu năm 2024\"",
        "year: \"năm 2024\", \"trong năm 2024\", \"đầu/giữa/cuối năm 2024\"",
        "date: \"ngày 15/12/2023\", \"trước ngày 15/12/2023\" (last day 14/12), \"chậm nhất ngày 15 tháng 12 năm 2023\", \"ngày mười lăm tháng mười hai năm 2023\", \"ngày 06 (sáu) tháng 12 năm 2023\"",
        "named day with its date: \"trước ngày Giải phóng miền Nam 30/4/2025\" (the date counts; the name is shown)",
        "by: \"chậm nhất là ...\", \"không muộn hơn ngày ...\", \"trước hoặc trong ...\", \"từ nay đến cuối ...\", \"đến hết ...\" + any date or period above = its last day",
        "year range: \"2025 - 2028\", \"giai đoạn 2025-2028\" = the end of the range, 31/12/2028",
        "relative: \"trong vòng 30 ngày kể từ ngày ký\", \"15 ngày làm việc\", \"trong 2 tuần\", \"trong 3 tháng kể từ ngày ban hành\"",
        "urgent: \"khẩn trương\", \"ngay\", \"gấp\", \"sớm\", \"kịp thời\"; before a date (\"khẩn trương ... trước ngày 15/3/2025\") = the date, flagged urgent",
        "leading verbs: \"hoàn thành ...\", \"xong ...\", \"thực hiện ...\", \"báo cáo <whom> trước ...\", \"trình <whom> trước ...\"",
        "standing: \"thường xuyên\", \"liên tục\", however joined (\"thường xuyên; liên tục\", \"thực hiện thường xuyên\")",
        "recurring: \"định kỳ hằng tháng/quý/năm\", \"hằng năm\", \"định kỳ 6 tháng\", \"định kỳ 2 năm/lần\" = a check-in each period, no due date",
        "no deadline: empty",
    ];

    private const string Roman = "iv|iii|ii|i";
    private const string Year = @"(?<y>\d{4})";
    private const string YearSep = @"(?:\s*năm\s+|\s*[/\-.]\s*)";
    private const string Mod = @"(?:(?<mod>trong|đầu|giữa|cuối|hết|trong suốt)\s+)?";

    [GeneratedRegex($@"^{Mod}(?:quý\s*|q\s*)(?<q>{Roman}|[1-4])(?:{YearSep}{Year})?$")]
    private static partial Regex QuarterRegex();

    [GeneratedRegex($@"^{Mod}tháng\s+(?<m>\d{{1,2}}|[\p{{L}} ]+?){YearSep}{Year}$")]
    private static partial Regex MonthRegex();

    [GeneratedRegex($@"^(?:trong\s+)?(?:(?:6|sáu)\s+tháng\s+(?<half>đầu|cuối)\s+năm|nửa\s+(?<half>đầu|cuối)\s+năm|nửa\s+năm\s+(?<half>đầu|cuối))\s+{Year}$")]
    private static partial Regex HalfYearRegex();

    [GeneratedRegex($@"^{Mod}năm\s+{Year}$")]
    private static partial Regex YearRegex();

    private const string DatePrefix = @"^(?:(?<pre>trước|chậm nhất là|chậm nhất vào|chậm nhất|muộn nhất|hạn chót|hạn|đến hết|đến|trong|vào|hoàn thành trước|hoàn thành trong|hoàn thành chậm nhất)\s+)?";

    // A named day may stand between "ngày" and its date: "trước ngày Giải phóng miền Nam 30/4/2025".
    [GeneratedRegex($@"{DatePrefix}(?:ngày\s+(?:(?<name>\p{{L}}[\p{{L}} ]*?)\s+)?)?(?<d>\d{{1,2}})\s*[/\-.]\s*(?<m>\d{{1,2}})\s*[/\-.]\s*{Year}$")]
    private static partial Regex NumericDateRegex();

    [GeneratedRegex($@"{DatePrefix}(?:ngày\s+)?{Year}-(?<m>\d{{2}})-(?<d>\d{{2}})$")]
    private static partial Regex IsoDateRegex();

    [GeneratedRegex($@"{DatePrefix}ngày\s+(?<d>\d{{1,2}}|[\p{{L}} ]+?)\s+tháng\s+(?<m>\d{{1,2}}|[\p{{L}} ]+?)\s+năm\s+{Year}$")]
    private static partial Regex WordedDateRegex();

    [GeneratedRegex(@"^(?:(?:trong vòng|trong thời hạn|trong thời gian|trong|không quá|chậm nhất|tối đa)\s+)?(?<n>\d{1,3}|[\p{L} ]+?)\s+(?<unit>ngày làm việc|ngày|tuần|tháng)(?:\s+(?:kể từ|tính từ|từ)\s+(?:ngày\s+)?(?<anchor>ký|ký ban hành|ban hành|văn bản được ký|văn bản được ban hành|ký văn bản|ban hành văn bản))?$")]
    private static partial Regex RelativeRegex();

    [GeneratedRegex(@"^(?:(?:hoàn thành|thực hiện|triển khai|báo cáo|xử lý)\s+)?(?:khẩn trương|ngay|ngay lập tức|gấp|gấp rút|khẩn|khẩn cấp|cấp bách|hỏa tốc|hoả tốc|càng sớm càng tốt|sớm|sớm nhất có thể|kịp thời)$")]
    private static partial Regex UrgentRegex();

    [GeneratedRegex($@"^(?:(?:trong|đến hết|hết)\s+)?(?:giai đoạn\s+|(?:các\s+)?năm\s+|từ năm\s+|từ\s+)?(?<y1>\d{{4}})\s*(?:-|đến|tới)\s*(?:năm\s+)?{Year}$")]
    private static partial Regex YearRangeRegex();

    /// <summary>Words that make what follows a limit: "chậm nhất là trong quý IV" = by the end of quarter IV.</summary>
    [GeneratedRegex(@"^(?<by>chậm nhất là|chậm nhất vào|chậm nhất|muộn nhất là|muộn nhất|không muộn hơn|không chậm hơn|trước hoặc trong|trong hoặc trước|hạn chót là|hạn chót|hạn là|từ nay đến hết|từ nay đến|đến hết)\s+(?<rest>.+)$")]
    private static partial Regex ByRegex();

    /// <summary>A number followed by its words, as amounts are spelt in law: "ngày 06 (sáu)".</summary>
    [GeneratedRegex(@"(?<n>\d{1,2})\s*\(\s*(?<w>[\p{L} ]+?)\s*\)")]
    private static partial Regex NumberEchoRegex();

    /// <summary>Reads <paramref name="phrase"/>; throws <see cref="UnreadableDeadlineException"/>
    /// for anything outside <see cref="AcceptedForms"/> and <see cref="CalendarYearMissingException"/>
    /// when the due date falls outside the calendar's years (2000–2099).</summary>
    public DeadlineInterpretation Interpret(string? phrase, DateOnly issued)
    {
        var written = phrase ?? string.Empty;
        var p = Clean(written);
        if (p.Length == 0) return new() { Phrase = written, Kind = DeadlineKind.None, Rule = "no deadline phrase: tracked with check-ins, never overdue" };
        // A whole urgent phrase first: "sớm nhất có thể" is one expression, not "sớm" before "nhất có thể".
        if (UrgentRegex().IsMatch(p)) return Urgent(written, issued, "");

        var peeled = DeadlineWording.Peel(p);
        var core = peeled.Core;
        var lead = peeled.RulePrefix;
        if (core.Length == 0)
        {
            if (peeled.Urgent) return Urgent(written, issued, lead);
            throw new UnreadableDeadlineException(written, "it names the work but no time");
        }
        if (DeadlineWording.IsStanding(core))
            return new() { Phrase = written, Kind = DeadlineKind.Standing, Rule = lead + "standing duty (\"thường xuyên\", \"liên tục\"): recorded, not a deadline item" };
        if (DeadlineWording.RecurrenceMonths(core) is { } months)
            return new()
            {
                Phrase = written, Kind = DeadlineKind.Recurring, RecurrenceMonths = months,
                Rule = lead + $"recurring duty: every {months} month(s), a check-in each period; no due date, never overdue",
            };
        if (UrgentRegex().IsMatch(core)) return Urgent(written, issued, lead);

        var (words, rule) = ReadDate(core, written, issued);
        return Rolled(written, words, lead + rule) with { IsUrgent = peeled.Urgent };
    }

    private DeadlineInterpretation Urgent(string written, DateOnly issued, string lead)
    {
        var implied = calendar.AddWorkingDays(issued, _options.UrgentWorkingDays);
        return new()
        {
            Phrase = written, Kind = DeadlineKind.Urgent, WordsDate = implied, DueDate = implied,
            Rule = lead + $"urgent phrase: no legal reading, implied {_options.UrgentWorkingDays} working days after the issue date {issued:dd/MM/yyyy}",
        };
    }

    /// <summary>A date set by a tracking officer replaces the words; the same roll-over applies.</summary>
    public DeadlineInterpretation FromExplicitDate(string? phrase, DateOnly date, string reason) =>
        Rolled(phrase ?? string.Empty, date, $"explicit date {date:dd/MM/yyyy} set by the tracking office: {reason}");

    private DeadlineInterpretation Rolled(string written, DateOnly words, string rule)
    {
        var due = calendar.OnOrNextWorkingDay(words);
        var rolled = due != words;
        if (rolled) rule += "; " + RollOverReason(words, due);
        if (calendar.IsExpected(due))
            rule += string.Create(CultureInfo.InvariantCulture,
                $"; {due.Year} has no decided holiday schedule yet: the date is expected (dự kiến), computed by the Labour Code Art. 112 rule, and moves if the official schedule differs");
        return new() { Phrase = written, Kind = DeadlineKind.Date, WordsDate = words, DueDate = due, RolledOver = rolled, Rule = rule };
    }

    /// <summary>Names every day the roll-over skipped and why, so an officer sees which holiday moved
    /// the deadline: "31/12/2028 is not a working day (Sunday); 01/01/2029 is not a working day
    /// (Tết Dương lịch, expected) → rolled over to the next working day 02/01/2029".</summary>
    private string RollOverReason(DateOnly words, DateOnly due)
    {
        var skipped = new List<string>();
        for (var d = words; d < due; d = d.AddDays(1))
        {
            var why = calendar.HolidayName(d) ?? d.DayOfWeek.ToString();
            if (calendar.IsExpected(d) && calendar.HolidayName(d) is not null) why += ", expected";
            skipped.Add(string.Create(CultureInfo.InvariantCulture, $"{d:dd/MM/yyyy} is not a working day ({why})"));
        }
        // At most a Tết break with its weekends (about ten days): each is named.
        return string.Create(CultureInfo.InvariantCulture, $"{string.Join("; ", skipped)} → rolled over to the next working day {due:dd/MM/yyyy} (Civil Code Art. 148)");
    }

    private static string Clean(string phrase)
    {
        var p = TextNormalizer.Normalize(phrase);
        // "06 (sáu)" says the number twice: kept once, and only when both say the same.
        p = NumberEchoRegex().Replace(p, m =>
            VietnameseNumbers.TryParse(m.Groups["w"].Value, out var n) && n == int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture)
                ? m.Groups["n"].Value
                : throw new UnreadableDeadlineException(phrase, $"the number {m.Groups["n"].Value} and its words \"{m.Groups["w"].Value}\" disagree"));
        // Brackets around a date ("ngày Giải phóng miền Nam (30/4/2025)") carry no meaning.
        p = TextNormalizer.Normalize(p.Replace('(', ' ').Replace(')', ' '));
        // Trailing punctuation of a transcribed sentence ("quý IV năm 2023.") carries no meaning.
        return p.TrimEnd('.', ';', ',', ':', ')').Trim();
    }

    private (DateOnly Date, string Rule) ReadDate(string p, string written, DateOnly issued)
    {
        Match m;
        if ((m = QuarterRegex().Match(p)).Success)
        {
            if (!m.Groups["y"].Success) throw new UnreadableDeadlineException(written, "the quarter has no year");
            var q = ParseQuarter(m.Groups["q"].Value);
            var y = ParseYear(m, written);
            var first = new DateOnly(y, 3 * q - 2, 1);
            var label = $"quarter {ToRoman(q)}/{y}";
            return m.Groups["mod"].Value switch
            {
                "đầu" => (first, $"\"đầu quý\" = first day of {label}"),
                "giữa" => (first.AddMonths(1).AddDays(14), $"\"giữa quý\" = 15th of the quarter's middle month, {label}"),
                var mod => (first.AddMonths(3).AddDays(-1), $"{Describe(mod, "quý")} = last day of {label}"),
            };
        }
        if ((m = HalfYearRegex().Match(p)).Success)
        {
            var y = ParseYear(m, written);
            return m.Groups["half"].Value == "đầu"
                ? (new DateOnly(y, 6, 30), $"first six months of {y}: last day 30/06")
                : (new DateOnly(y, 12, 31), $"last six months of {y}: last day 31/12");
        }
        if ((m = MonthRegex().Match(p)).Success)
        {
            if (!VietnameseNumbers.TryParseMonth(m.Groups["m"].Value, out var month))
                throw new UnreadableDeadlineException(written, $"\"{m.Groups["m"].Value}\" is not a month (1–12)");
            var y = ParseYear(m, written);
            var first = new DateOnly(y, month, 1);
            var label = $"{month:00}/{y}";
            return m.Groups["mod"].Value switch
            {
                "đầu" => (first, $"\"đầu tháng\" = day 1 of {label}"),
                "giữa" => (first.AddDays(14), $"\"giữa tháng\" = day 15 of {label}"),
                var mod => (first.AddMonths(1).AddDays(-1), $"{Describe(mod, "tháng")} = last day of {label}"),
            };
        }
        if ((m = YearRegex().Match(p)).Success)
        {
            var y = ParseYear(m, written);
            return m.Groups["mod"].Value switch
            {
                "đầu" => (new DateOnly(y, 1, 1), $"\"đầu năm\" = 1 January {y}"),
                "giữa" => (new DateOnly(y, 6, 30), $"\"giữa năm\" = 30 June {y}"),
                var mod => (new DateOnly(y, 12, 31), $"{Describe(mod, "năm")} = 31 December {y}"),
            };
        }
        if ((m = NumericDateRegex().Match(p)).Success || (m = IsoDateRegex().Match(p)).Success || (m = WordedDateRegex().Match(p)).Success)
        {
            return ExplicitDate(m, written);
        }
        if ((m = RelativeRegex().Match(p)).Success)
        {
            return Relative(m, written, issued);
        }
        if ((m = YearRangeRegex().Match(p)).Success)
        {
            var (from, to) = (int.Parse(m.Groups["y1"].Value, CultureInfo.InvariantCulture), ParseYear(m, written));
            if (from >= to) throw new UnreadableDeadlineException(written, $"{from} - {to} is not a range of years");
            return (new DateOnly(to, 12, 31), $"year range {from}–{to}: read as the end of the range, 31 December {to}");
        }
        if ((m = ByRegex().Match(p)).Success)
        {
            // Only the forms above may follow: a limit word never makes an unreadable phrase readable.
            var (date, rule) = ReadDate(m.Groups["rest"].Value, written, issued);
            return (date, $"\"{m.Groups["by"].Value}\" = by what follows: {rule}");
        }
        throw new UnreadableDeadlineException(written, "it matches none of the accepted forms");
    }

    private static (DateOnly, string) ExplicitDate(Match m, string written)
    {
        if (!VietnameseNumbers.TryParse(m.Groups["d"].Value, out var d))
            throw new UnreadableDeadlineException(written, $"\"{m.Groups["d"].Value}\" is not a day number");
        if (!VietnameseNumbers.TryParseMonth(m.Groups["m"].Value, out var mo))
            throw new UnreadableDeadlineException(written, $"\"{m.Groups["m"].Value}\" is not a month (1–12)");
        var y = ParseYear(m, written);
        if (d < 1 || d > DateTime.DaysInMonth(y, mo))
            throw new UnreadableDeadlineException(written, $"{d}/{mo}/{y} is not a calendar date");
        var date = new DateOnly(y, mo, d);
        var pre = m.Groups["pre"].Value;
        var named = m.Groups["name"].Success ? $"named day \"{m.Groups["name"].Value}\" given with its date {date:dd/MM/yyyy}; " : "";
        if (pre is "trước" or "hoàn thành trước")
            return (date.AddDays(-1), named + $"\"trước ngày {date:dd/MM/yyyy}\" = before that day: last day {date.AddDays(-1):dd/MM/yyyy}");
        var how = pre.Length == 0 ? "date" : $"\"{pre} ngày\"";
        return (date, named + $"{how} {date:dd/MM/yyyy}: the day itself is the last day");
    }

    private (DateOnly, string) Relative(Match m, string written, DateOnly issued)
    {
        if (!VietnameseNumbers.TryParse(m.Groups["n"].Value, out var n) || n < 1)
            throw new UnreadableDeadlineException(written, $"\"{m.Groups["n"].Value}\" is not a positive number");
        var from = $"counted from the issue date {issued:dd/MM/yyyy}";
        // Civil Code Art. 147: a period counted from an event starts the next day, so N days end on issue + N.
        return m.Groups["unit"].Value switch
        {
            "ngày làm việc" => (calendar.AddWorkingDays(issued, n), $"{n} working days {from}"),
            "ngày" => (issued.AddDays(n), $"{n} days {from} (Civil Code Art. 147: starts the next day)"),
            "tuần" => (issued.AddDays(7 * n), $"{n} weeks {from}"),
            _ => (issued.AddMonths(n), $"{n} months {from} (Civil Code Art. 148: same day of the last month, or its last day)"),
        };
    }

    private static string Describe(string mod, string unit) => mod switch
    {
        "cuối" => $"\"cuối {unit}\"",
        "" => $"\"{unit}\" without đầu/giữa/cuối",
        _ => $"\"{mod} {unit}\"",
    };

    private static int ParseYear(Match m, string written)
    {
        var y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (y is < 1990 or > 2100) throw new UnreadableDeadlineException(written, $"{y} is not a plausible year");
        return y;
    }

    private static int ParseQuarter(string q) => q switch
    {
        "i" or "1" => 1,
        "ii" or "2" => 2,
        "iii" or "3" => 3,
        _ => 4,
    };

    private static string ToRoman(int q) => q switch { 1 => "I", 2 => "II", 3 => "III", _ => "IV" };
}
