using Orchestrator.Domain.Deadlines;
using static Orchestrator.Domain.Tests.TestData;

namespace Orchestrator.Domain.Tests;

/// <summary>Properties over every day and many generated phrases: a rolled-over day is a working day,
/// never before the words' day, and only moves when the words' day is not a working day.</summary>
public class RollOverPropertyTests
{
    private static void AssertRollOverProperties(DeadlineInterpretation r)
    {
        Assert.NotNull(r.WordsDate);
        Assert.NotNull(r.DueDate);
        var words = r.WordsDate!.Value;
        var due = r.DueDate!.Value;
        Assert.True(Days.IsWorkingDay(due), $"{r.Phrase}: {due} is not a working day");
        Assert.True(due >= words, $"{r.Phrase}: {due} is before {words}");
        Assert.Equal(!Days.IsWorkingDay(words), r.RolledOver);
        // No working day is skipped between the words' day and the due day.
        for (var d = words; d < due; d = d.AddDays(1)) Assert.False(Days.IsWorkingDay(d), $"{r.Phrase}: skipped {d}");
    }

    [Fact]
    public void Every_day_2023_to_2035_as_an_explicit_date()
    {
        // Decided years and expected ones alike, across the year ends between them.
        for (var d = new DateOnly(2023, 1, 1); d <= new DateOnly(2035, 12, 31); d = d.AddDays(1))
            AssertRollOverProperties(Interpreter.Interpret($"ngày {d.Day}/{d.Month}/{d.Year}", Issued));
    }

    [Fact]
    public void Generated_phrases_of_every_form()
    {
        var rng = new Random(20230819); // fixed seed: failures reproduce
        string[] mods = ["", "trong ", "đầu ", "giữa ", "cuối "];
        string[] romans = ["I", "II", "III", "IV"];
        for (var i = 0; i < 2000; i++)
        {
            var y = rng.Next(2023, 2099); // decided and expected years
            var q = rng.Next(1, 5);
            var m = rng.Next(1, 13);
            var mod = mods[rng.Next(mods.Length)];
            var phrase = rng.Next(9) switch
            {
                0 => $"{mod}quý {romans[q - 1]} năm {y}",
                1 => $"{mod}quý {q}/{y}",
                2 => $"Q{q}/{y}",
                3 => $"{mod}tháng {m}/{y}",
                4 => $"{mod}tháng {m} năm {y}",
                5 => $"{mod}năm {y}",
                6 => $"6 tháng {(rng.Next(2) == 0 ? "đầu" : "cuối")} năm {y}",
                7 => $"trước ngày {rng.Next(1, 29)}/{m}/{y}",
                _ => $"trong vòng {rng.Next(1, 200)} ngày kể từ ngày ký",
            };
            var r = Interpreter.Interpret(phrase, new DateOnly(y, m, 1));
            AssertRollOverProperties(r);
        }
    }
}
