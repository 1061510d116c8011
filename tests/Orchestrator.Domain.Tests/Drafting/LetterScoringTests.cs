using Xunit.Abstractions;

namespace Orchestrator.Domain.Tests.Drafting;

/// <summary>
/// The draft reader measured on real letters (Letters/*.txt, expected items by hand beside each).
/// Development letters were used to build the reader; held-out letters were not, and are scored
/// in their own test. Both must invent no item; the floors are the shares measured when the
/// harness was written, so a change that reads fewer letters right fails here.
/// </summary>
public sealed class LetterScoringTests(ITestOutputHelper output)
{
    // Measured when the harness was last changed: development 40 of 40 items fully right; held-out
    // (4 letters never read by the reader before being scored) 3 of 4. See docs/directives.md.
    private const double DevelopmentFloor = 0.95;
    private const double HeldOutFloor = 0.75;

    [Fact]
    public void Development_letters_are_read_without_invented_items_and_above_the_floor() =>
        ScoreAndCheck(heldOut: false, DevelopmentFloor);

    [Fact]
    public void Held_out_letters_are_read_without_invented_items_and_above_the_floor() =>
        ScoreAndCheck(heldOut: true, HeldOutFloor);

    private void ScoreAndCheck(bool heldOut, double floor)
    {
        var scorer = new LetterScorer();
        var scores = LetterCase.All().Where(l => l.Expected.HeldOut == heldOut).Select(scorer.Score).ToList();
        Assert.NotEmpty(scores);
        foreach (var s in scores) output.WriteLine(s.ToString());
        var expected = scores.Sum(s => s.Expected);
        var fully = scores.Sum(s => s.FullyRight);
        var share = (double)fully / expected;
        output.WriteLine($"overall: {scores.Count} letters, {expected} items, found {scores.Sum(s => s.Found)}, invented {scores.Sum(s => s.Invented)}, " +
            $"labels {scores.Sum(s => s.LabelsRight)}, leads {scores.Sum(s => s.LeadsRight)}, due dates {scores.Sum(s => s.DueRight)}, " +
            $"fully right {fully} ({share:P0}); interpreter misses {scores.Sum(s => s.Items.Count(i => i.InterpreterMiss))}");
        Assert.True(scores.All(s => s.Invented == 0), "invented items: " + string.Join("; ", scores.Where(s => s.Invented > 0).Select(s => $"{s.Name}: {string.Join(", ", s.InventedLabels)}")));
        Assert.True(share >= floor, $"fully right {share:P0} < floor {floor:P0}:{Environment.NewLine}{string.Join(Environment.NewLine, scores)}");
    }
}
