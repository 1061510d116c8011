using System.Globalization;

namespace Orchestrator.Domain.Deadlines;

/// <summary>Reads small numbers as digits or Vietnamese words ("mười lăm", "hai mươi mốt",
/// "tháng giêng", "tháng chạp"), enough for days, months, and period lengths.</summary>
internal static class VietnameseNumbers
{
    private static readonly Dictionary<string, int> Units = new()
    {
        ["không"] = 0, ["một"] = 1, ["mốt"] = 1, ["hai"] = 2, ["ba"] = 3, ["bốn"] = 4, ["tư"] = 4,
        ["năm"] = 5, ["lăm"] = 5, ["sáu"] = 6, ["bảy"] = 7, ["bẩy"] = 7, ["tám"] = 8, ["chín"] = 9,
    };

    public static bool TryParse(string text, out int value)
    {
        value = 0;
        var t = text.Trim();
        if (t.Length == 0) return false;
        if (t.All(char.IsAsciiDigit)) return int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);

        var words = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words[0] == "mười")
        {
            // mười, mười một, mười lăm
            if (words.Length == 1) { value = 10; return true; }
            if (words.Length == 2 && words[1] != "mốt" && Units.TryGetValue(words[1], out var u) && u > 0)
            {
                value = 10 + u;
                return true;
            }
            return false;
        }
        if (words.Length >= 2 && words[1] == "mươi" && Units.TryGetValue(words[0], out var tens) && tens >= 2)
        {
            if (words.Length == 2) { value = tens * 10; return true; }
            if (words.Length == 3 && Units.TryGetValue(words[2], out var unit) && unit > 0) { value = tens * 10 + unit; return true; }
            return false;
        }
        if (words.Length == 1 && Units.TryGetValue(words[0], out var single) && single > 0 && words[0] is not ("mốt" or "lăm"))
        {
            value = single;
            return true;
        }
        return false;
    }

    /// <summary>Months also have names: "giêng" (1) and "chạp" (12).</summary>
    public static bool TryParseMonth(string text, out int month)
    {
        var t = text.Trim();
        month = t switch { "giêng" => 1, "chạp" => 12, _ => 0 };
        if (month != 0) return true;
        return TryParse(t, out month) && month is >= 1 and <= 12;
    }
}
