using System.CommandLine;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen sim`: Runs the firmware on the simulated pen board.</summary>
internal static class SimCommand
{
    public static Command Create()
    {
        var cmd = new Command("sim", "Runs the firmware on the simulated pen board.");
        cmd.SetAction(_ =>
        {
            Console.Error.WriteLine("mnpen sim: not available in this build yet.");
            return ExitCodes.Internal;
        });
        return cmd;
    }
}
