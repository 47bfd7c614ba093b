namespace MnPen.Compat
{
    /// <summary>Names this assembly for tools that locate it (compat gate, tests).</summary>
    public static class AssemblyMarker
    {
    }
}
