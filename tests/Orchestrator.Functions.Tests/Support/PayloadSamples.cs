using System.Collections;
using System.Reflection;

namespace Orchestrator.Functions.Tests.Support;

/// <summary>
/// Builds a value of any payload type with every member set to something other than its default
/// (enums to a member other than the first, flags to true, lists with two elements, strings with
/// Vietnamese letters), so a member that does not survive serialization shows up as a difference.
/// New fields and new payload types are covered without touching this class.
/// </summary>
public static class PayloadSamples
{
    public static object Create(Type type) => Create(type, type.Name, depth: 0)!;

    private static object? Create(Type type, string name, int depth)
    {
        if (depth > 8) throw new InvalidOperationException($"{name}: payload nests too deep for a sample (a cycle?).");
        if (Nullable.GetUnderlyingType(type) is { } inner) return Create(inner, name, depth);
        if (type == typeof(string)) return $"{name}: Bộ Tài chính – báo cáo";
        if (type == typeof(bool)) return true;
        if (type == typeof(int)) return 3;
        if (type == typeof(long)) return 5_000_000_000L;
        if (type == typeof(double)) return 1.5;
        if (type == typeof(decimal)) return 2.25m;
        if (type == typeof(Guid)) return new Guid("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
        if (type == typeof(DateOnly)) return new DateOnly(2024, 3, 15);
        if (type == typeof(TimeOnly)) return new TimeOnly(9, 30);
        if (type == typeof(DateTime)) return new DateTime(2024, 3, 15, 1, 30, 0, DateTimeKind.Utc);
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2024, 3, 15, 8, 30, 0, TimeSpan.FromHours(7));
        if (type == typeof(TimeSpan)) return TimeSpan.FromMinutes(90);
        if (type.IsEnum) return Enum.GetValues(type).Cast<object>().Last();
        if (ElementType(type) is { } element)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(Create(element, name + "[0]", depth + 1));
            list.Add(Create(element, name + "[1]", depth + 1));
            return type.IsArray ? ToArray(list, element) : list;
        }
        if (type.IsPrimitive || type.IsInterface || type.IsAbstract || type == typeof(object))
            throw new InvalidOperationException($"{name}: no sample for {type}: add one to {nameof(PayloadSamples)}.");
        return CreateObject(type, name, depth);
    }

    /// <summary>Through its widest public constructor, then every settable or init-only property it left out.</summary>
    private static object CreateObject(Type type, string name, int depth)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"{name}: {type} has no public constructor.");
        var parameters = constructor.GetParameters();
        var value = constructor.Invoke(parameters.Select(p => Create(p.ParameterType, $"{name}.{p.Name}", depth + 1)).ToArray());
        var fromConstructor = parameters.Select(p => p.Name!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in Members(type).Where(p => p.SetMethod is { IsPublic: true } && !fromConstructor.Contains(p.Name)))
            property.SetValue(value, Create(property.PropertyType, $"{name}.{property.Name}", depth + 1));
        return value;
    }

    public static IEnumerable<PropertyInfo> Members(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract");

    public static Type? ElementType(Type type)
    {
        if (type == typeof(string)) return null;
        if (type.IsArray) return type.GetElementType();
        if (type.IsGenericType && type.GetGenericArguments() is [var element]
            && typeof(IEnumerable<>).MakeGenericType(element).IsAssignableFrom(type))
            return element;
        return null;
    }

    private static Array ToArray(IList list, Type element)
    {
        var array = Array.CreateInstance(element, list.Count);
        list.CopyTo(array, 0);
        return array;
    }
}

/// <summary>Member-by-member equality of two payloads (records compare lists by reference, so their Equals is not enough).</summary>
public static class PayloadDifferences
{
    public static IReadOnlyList<string> Between(object? sent, object? received, string path)
    {
        var differences = new List<string>();
        Compare(sent, received, path, differences);
        return differences;
    }

    private static void Compare(object? sent, object? received, string path, List<string> differences)
    {
        if (sent is null || received is null)
        {
            if (!(sent is null && received is null)) differences.Add($"{path}: sent {sent ?? "null"}, got back {received ?? "null"}");
            return;
        }
        var type = sent.GetType();
        if (type != received.GetType())
        {
            differences.Add($"{path}: sent a {type.Name}, got back a {received.GetType().Name}");
            return;
        }
        if (IsScalar(type))
        {
            var same = sent is DateTimeOffset s && received is DateTimeOffset r ? s.EqualsExact(r) : sent.Equals(received);
            if (!same) differences.Add($"{path}: sent {sent}, got back {received}");
            return;
        }
        if (PayloadSamples.ElementType(type) is not null)
        {
            var (a, b) = (((IEnumerable)sent).Cast<object?>().ToList(), ((IEnumerable)received).Cast<object?>().ToList());
            if (a.Count != b.Count) differences.Add($"{path}: sent {a.Count} elements, got back {b.Count}");
            for (var i = 0; i < Math.Min(a.Count, b.Count); i++) Compare(a[i], b[i], $"{path}[{i}]", differences);
            return;
        }
        foreach (var property in PayloadSamples.Members(type))
            Compare(property.GetValue(sent), property.GetValue(received), $"{path}.{property.Name}", differences);
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
        || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset)
        || type == typeof(TimeSpan);
}
