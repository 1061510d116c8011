using System.Reflection;

namespace Orchestrator.Domain.Common;

internal static class EmbeddedText
{
    public static string Read(Assembly asm, string name)
    {
        using var stream = asm.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Missing resource {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
