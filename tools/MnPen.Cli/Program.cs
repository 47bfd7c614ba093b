using System.CommandLine;
using MnPen.Cli.Commands;
using MnPen.Cli.Commands.Technician;

namespace MnPen.Cli;

/// <summary>Entry point of the `mnpen` host tool.</summary>
public static class Program
{
    /// <summary>Builds the command tree; also used by tests to check the help text.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "mnpen - host tool for the MnPen microneedling pen.\n" +
            "Run the pen's firmware on the simulated board (a virtual pen), bench-test it, check portable code\n" +
            "against nanoFramework, and talk to real or virtual pens over the pen protocol.\n" +
            "With no command, runs a default treatment session on the simulator (same as `mnpen sim`).");
        root.Subcommands.Add(SimCommand.Create());
        root.Subcommands.Add(PerfCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(CompatCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(MonitorCommand.Create());
        root.Subcommands.Add(CalibrateCommand.Create());
        root.Subcommands.Add(DocsCommand.Create());
        root.Subcommands.Add(FlashCommand.Create());
        root.Subcommands.Add(LogCommand.Create());
        root.Subcommands.Add(PenCommand.Create());
        root.Subcommands.Add(SettingsCommand.Create());
        return root;
    }

    /// <summary>Runs the tool; exit codes are listed in README ("Exit codes").</summary>
    public static int Main(string[] args)
    {
        return Contract.CommandLineContract.Run(BuildRoot(), args);
    }
}
