using System.Globalization;
using MnPen.Cli.Commands;
using Spectre.Console;

namespace MnPen.Cli.DevicePerf;

/// <summary>`mnpen perf --device`: the firmware tick on nanoFramework's interpreter, with an ESP32-S3 estimate.</summary>
public static class DevicePerfAction
{
    /// <summary>Runs the device benchmark and prints its figures; returns the exit code.</summary>
    public static int Run(bool json, string? nanoclr, TextWriter output, TextWriter error)
    {
        var root = DeviceBenchRunner.FindRepository();
        if (root == null)
        {
            error.WriteLine("mnpen perf --device: run it inside the MnPen checkout (the benchmark's sources are there: " + DeviceBenchRunner.BenchFolder + ").");
            return ExitCodes.Unavailable;
        }
        var folder = DeviceBenchRunner.NanoclrFolder(root, nanoclr);
        var nfrun = DeviceBenchRunner.NfRun(folder);
        if (nfrun == null)
        {
            error.WriteLine($"mnpen perf --device: nanoFramework's interpreter is not at {folder} (no bin/nfrun there). " +
                            "Put the nanoclr folder at ../shared/nanoclr beside the repository, or pass --nanoclr DIR.");
            return ExitCodes.Unavailable;
        }
        error.WriteLine($"mnpen perf --device: compiling and running {DeviceBenchRunner.BenchFolder} on {nfrun} ...");
        var run = DeviceBenchRunner.Run(root, nfrun, TimeSpan.FromMinutes(5));
        var report = DeviceBenchReport.Parse(run.Output, out var problem);
        if (run.ExitCode != 0 || report == null)
        {
            error.WriteLine(run.Errors.TrimEnd());
            error.WriteLine(run.Output.TrimEnd());
            error.WriteLine($"mnpen perf --device: the benchmark did not complete (nfrun exit {run.ExitCode}{(problem == null ? "" : "; " + problem)}). " +
                            "Its output is above; an exit of 3 is a compile error in the benchmark or the device projects.");
            return ExitCodes.Internal;
        }
        error.WriteLine($"mnpen perf --device: done in {run.Wall.TotalSeconds:F1} s.");
        if (json)
        {
            output.WriteLine(report.ToJson());
            return ExitCodes.Ok;
        }
        var console = SimCommand.Console(output);
        var t = new Table().Border(TableBorder.Rounded)
            .Title("mnpen perf --device (PenFirmware.Tick() on nanoFramework's interpreter, x86-64 host)");
        t.AddColumn("State");
        t.AddColumn(new TableColumn("tick us (median)").RightAligned());
        t.AddColumn(new TableColumn("p99").RightAligned());
        t.AddColumn(new TableColumn("alloc B/tick").RightAligned());
        t.AddColumn(new TableColumn("ESP32-S3 est. us").RightAligned());
        t.AddColumn(new TableColumn($"% of {report.TickPeriodMicros} us period").RightAligned());
        foreach (var s in DeviceBenchReport.States)
            t.AddRow(Markup.Escape(s + " (" + report.StateSeen[s] + ")"), F(report.TickMicros[s], 1), F(report.TickMicrosP99[s], 1),
                     F(report.AllocBytes[s], 0), F(report.Esp32Estimate(s), 0), F(report.Esp32PercentOfPeriod(s), 1));
        console.Write(t);
        if (report.Parts.Count > 0)
            console.WriteLine("Parts of a Running tick (median us, each on its own instance): " +
                              string.Join(", ", report.Parts.Select(p => p.Key + " " + F(p.Value, 1))) + "; the rest is the state machine and glue.");
        console.WriteLine($"{report.Ticks} ticks timed per state; the median is quoted because other work on the host preempts the interpreter now and then.");
        console.WriteLine($"Allocation: the heap was filled to {report.HeadroomBytes} free bytes; no collection over {report.Ticks} ticks means under " +
                          $"{F((double)report.HeadroomBytes / report.Ticks, 1)} bytes per tick, less than one heap block: the tick allocates nothing.");
        console.WriteLine($"ESP32-S3 estimate = host figure x {F(DeviceBenchReport.Esp32Factor, 0)} ({DeviceBenchReport.Esp32FactorSource}). " +
                          $"This run's host toggle loop: {F(report.HostToggleMicros, 3)} us/turn (factor {F(DeviceBenchReport.Esp32ToggleMicros / report.HostToggleMicros, 0)} against the 6.2 us on the ESP32).");
        int period = report.TickPeriodMicros;
        string shares = string.Join(", ", DeviceBenchReport.States.Select(st => st + " " + F(report.Esp32PercentOfPeriod(st), 0) + " %"));
        var over = DeviceBenchReport.States.Where(st => report.Esp32Estimate(st) >= period).ToList();
        console.WriteLine(over.Count == 0
            ? $"The estimates are inside the firmware's {period} us control period (PenFirmware.TickPeriodMicros): {shares} of it."
            : $"The estimate reaches the firmware's {period} us control period (PenFirmware.TickPeriodMicros) in: " + string.Join(", ", over) +
              $" ({shares}); the tick would not fit on the pen if the factor holds.");
        return ExitCodes.Ok;
    }

    private static string F(double v, int decimals) => v.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
