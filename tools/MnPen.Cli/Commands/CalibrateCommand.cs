using System.CommandLine;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen calibrate`: Technician calibration of depth and speed.</summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var cmd = new Command("calibrate", "Technician calibration of depth and speed.");
        cmd.SetAction(_ =>
        {
            Console.Error.WriteLine("mnpen calibrate: not available in this build yet.");
            return ExitCodes.Internal;
        });
        return cmd;
    }
}
