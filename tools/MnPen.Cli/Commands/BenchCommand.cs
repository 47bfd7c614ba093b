using System.CommandLine;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen bench`: Runs QA bench suites on the simulator.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var cmd = new Command("bench", "Runs QA bench suites on the simulator.");
        cmd.SetAction(_ =>
        {
            Console.Error.WriteLine("mnpen bench: not available in this build yet.");
            return ExitCodes.Internal;
        });
        return cmd;
    }
}
