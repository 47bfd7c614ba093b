namespace MnPen.VirtualPen.Scenarios;

/// <summary>Aborts parsing of one scenario line; the parser records it and goes on with the next line.</summary>
internal sealed class ScenarioLineException : Exception
{
    public ScenarioLineException(int column, string message) : base(message) => Column = column;

    public int Column { get; }
}
