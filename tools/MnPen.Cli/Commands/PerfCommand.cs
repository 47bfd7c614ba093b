using System.CommandLine;
using System.Globalization;
using MnPen.VirtualPen.Perf;
using MnPen.VirtualPen.Reporting;
using Spectre.Console;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen perf`: measures simulator speed-up and firmware tick cost on this host.</summary>
internal static class PerfCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json")
        {
            Description = "Print the figures as JSON on stdout (sim_speedup, tick_ns, tick_alloc_bytes, board_advance_ns_per_ms, ...);\nprogress goes to stderr.",
        };
        var seconds = new Option<double>("--sim-seconds")
        {
            Description = "Simulated time of the speed-up run, seconds (3600 = one hour of treatment kept running).\n" +
                          "Shorter runs are quicker but the figure is then not the reference one.",
            HelpName = "s",
            DefaultValueFactory = _ => PerfProbe.DefaultSimulatedSeconds,
        };
        var ticks = new Option<int>("--ticks")
        {
            Description = "Firmware ticks timed one by one for tick_ns and tick_alloc_bytes.",
            HelpName = "n",
            DefaultValueFactory = _ => PerfProbe.DefaultTicksMeasured,
        };
        var warmup = new Option<double>("--warmup")
        {
            Description = "Wall seconds the pen runs before the measured hour starts, so the runtime has finished compiling\n" +
                          "the hot path (0 = measure from a cold start).",
            HelpName = "s",
            DefaultValueFactory = _ => PerfProbe.DefaultWarmupWallSeconds,
        };
        var seed = new Option<ulong>("--seed") { Description = "Simulator seed.", HelpName = "n", DefaultValueFactory = _ => 1UL };
        var device = new Option<bool>("--device")
        {
            Description = "Instead: time PenFirmware.Tick() on nanoFramework's own interpreter (nanoclr's nfrun) in Ready, Running and\n" +
                          "Fault, and probe its allocation: device_tick_us, device_tick_alloc_bytes (x86-64 host interpreter figures)\n" +
                          "and an ESP32-S3 estimate (x50, nanoFramework Home#1013). Needs ../shared/nanoclr or --nanoclr; about a minute.",
        };
        var nanoclr = new Option<string?>("--nanoclr")
        {
            Description = "With --device: the nanoclr folder (default ../shared/nanoclr beside the repository).",
            HelpName = "dir",
        };
        var cmd = new Command("perf",
            "Measures on this host, with the pen's firmware in the loop during a treatment session kept running:\n" +
            "  sim_speedup              simulated seconds per wall second of the whole loop (physics + firmware), over an hour\n" +
            "  sim_speedup_cpu          the same per processor second: what an otherwise idle host shows\n" +
            "  tick_ns                  cost of one firmware control tick (mean; p50/p99/max too), nanoseconds\n" +
            "  tick_alloc_bytes         bytes one control tick allocates (the tick must be allocation-free: 0)\n" +
            "  board_advance_ns_per_ms  cost of one simulated millisecond of physics, nanoseconds\n" +
            "  loop_alloc_bytes         bytes the whole loop allocated over the run\n" +
            "Figures only, no pass/fail. Takes a few seconds to a minute. The pen's code, the simulator and the virtual pen are\n" +
            "built optimised in every configuration; if they were not (-p:MnPenOptimize=false), the report says so.\n" +
            "Examples:  mnpen perf\n" +
            "           mnpen perf --json\n" +
            "           mnpen perf --sim-seconds 60 --ticks 20000\n" +
            "           mnpen perf --device --json        (the tick on nanoFramework's interpreter; exit 3 if it is absent)");
        var platform = PlatformOption.Create();
        foreach (var o in new Option[] { json, seconds, ticks, warmup, seed, platform, device, nanoclr })
            cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(device))
                return MnPen.Cli.DevicePerf.DevicePerfAction.Run(parse.GetValue(json), parse.GetValue(nanoclr), output, error);
            double sim = parse.GetValue(seconds);
            int n = parse.GetValue(ticks);
            if (!(sim > 0 && sim <= 86_400))
            {
                error.WriteLine("mnpen perf: --sim-seconds must be more than 0 and at most 86400 (one simulated day).");
                return ExitCodes.BadInput;
            }
            if (n < 100 || n > 50_000_000)
            {
                error.WriteLine("mnpen perf: --ticks must be 100 to 50000000.");
                return ExitCodes.BadInput;
            }
            double warm = parse.GetValue(warmup);
            if (!(warm >= 0 && warm <= 60))
            {
                error.WriteLine("mnpen perf: --warmup must be 0 to 60 seconds.");
                return ExitCodes.BadInput;
            }

            PerfReport report;
            if (System.Console.IsErrorRedirected)
            {
                report = PerfProbe.Run(sim, n, parse.GetValue(seed), null, warm, parse.GetValue(platform));
            }
            else
            {
                PerfReport? r = null;
                SimCommand.Console(error).Progress().AutoClear(true).Start(ctx =>
                {
                    var task = ctx.AddTask("measuring", maxValue: 1.0);
                    r = PerfProbe.Run(sim, n, parse.GetValue(seed), p => task.Value = p, warm, parse.GetValue(platform));
                });
                report = r!;
            }

            if (!report.Optimized)
                error.WriteLine("mnpen perf: warning: the pen's code or the simulator was built unoptimised (-p:MnPenOptimize=false?); its " +
                                "figures are several times worse. Rebuild without it: dotnet run -c Release --project tools/MnPen.Cli -- perf");
            if (parse.GetValue(json))
            {
                output.WriteLine(SummaryJson.Serialize(report));
                return ExitCodes.Ok;
            }
            var console = SimCommand.Console(output);
            var t = new Table().Border(TableBorder.Rounded).Title("mnpen perf (" + Markup.Escape(report.Host) + ")");
            t.AddColumn("Figure");
            t.AddColumn(new TableColumn("Value").RightAligned());
            t.AddColumn("Meaning");
            t.AddRow("platform", Markup.Escape(report.Platform), "processor and runtime model under the firmware (--platform)");
            t.AddRow("sim_speedup", F(report.SimSpeedup, 0) + "x", $"{F(report.SimulatedSeconds, 0)} s simulated in {F(report.WallSeconds, 2)} s wall, {F(report.RunningFraction * 100, 0)} % running");
            t.AddRow("warmup", F(report.WarmupWallSeconds, 2) + " s", $"wall time run before measuring ({F(report.WarmupSimulatedSeconds, 0)} s simulated, not counted); {(report.Optimized ? "optimised" : "UNOPTIMISED")} build");
            t.AddRow("sim_speedup_cpu", F(report.SimSpeedupCpu, 0) + "x", $"per processor second ({F(report.CpuSeconds, 2)} s CPU): the figure on an otherwise idle host");
            t.AddRow("step_ns", F(report.StepNs, 0), "one whole loop step (physics 1 ms + firmware tick)");
            t.AddRow("tick_ns", F(report.TickNs, 0), $"firmware Tick() mean; p50 {F(report.TickNsP50, 0)}, p99 {F(report.TickNsP99, 0)}, max {F(report.TickNsMax, 0)}");
            t.AddRow("tick_alloc_bytes", F(report.TickAllocBytes, 2), $"per tick; {report.TickAllocBytesTotal} bytes over {report.TicksMeasured} ticks (must be 0)");
            t.AddRow("background_ns", F(report.BackgroundNs, 0), $"firmware Background() mean, run every {report.BackgroundEveryTicks} ticks");
            t.AddRow("board_advance_ns_per_ms", F(report.BoardAdvanceNsPerMs, 0), "physics for one simulated millisecond");
            t.AddRow("board_alloc_bytes_per_ms", F(report.BoardAllocBytesPerMs, 2), "physics allocation per simulated millisecond");
            t.AddRow("loop_alloc_bytes", report.LoopAllocBytes.ToString(CultureInfo.InvariantCulture), $"whole loop over the run ({F(report.LoopAllocBytesPerTick, 3)} per tick)");
            console.Write(t);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static string F(double v, int decimals) => v.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
