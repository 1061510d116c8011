using DurableTask.Core;

namespace Orchestrator.Local.Durable;

/// <summary>Looks up orchestrations and activities by name (versions are not used: always empty).</summary>
internal sealed class ObjectRegistry<T> : INameVersionObjectManager<T>
{
    private readonly Dictionary<string, ObjectCreator<T>> _creators = new(StringComparer.Ordinal);

    public void Add(ObjectCreator<T> creator) => _creators.Add(creator.Name, creator);

    public T? GetObject(string name, string? version) =>
        _creators.TryGetValue(name, out var creator) ? creator.Create() : default;
}
