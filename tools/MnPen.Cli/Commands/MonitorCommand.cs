using System.CommandLine;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen monitor`: Streams live telemetry from a pen.</summary>
internal static class MonitorCommand
{
    public static Command Create()
    {
        var cmd = new Command("monitor", "Streams live telemetry from a pen.");
        cmd.SetAction(_ =>
        {
            Console.Error.WriteLine("mnpen monitor: not available in this build yet.");
            return ExitCodes.Internal;
        });
        return cmd;
    }
}
