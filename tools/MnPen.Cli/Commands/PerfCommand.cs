using System.CommandLine;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen perf`: Measures simulator speed-up and firmware tick cost.</summary>
internal static class PerfCommand
{
    public static Command Create()
    {
        var cmd = new Command("perf", "Measures simulator speed-up and firmware tick cost.");
        cmd.SetAction(_ =>
        {
            Console.Error.WriteLine("mnpen perf: not available in this build yet.");
            return ExitCodes.Internal;
        });
        return cmd;
    }
}
