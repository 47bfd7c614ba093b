using System.Text.Json;
using MnPen.Cli;
using MnPen.Cli.DevicePerf;
using Xunit.Abstractions;

namespace MnPen.Tools.Tests.DevicePerf;

/// <summary>`mnpen perf --device`: the tick on nanoFramework's interpreter. Shape and exit codes only; no timed assertions.</summary>
public sealed class DevicePerfCommandTests
{
    private readonly ITestOutputHelper _out;

    public DevicePerfCommandTests(ITestOutputHelper output) => _out = output;

    private static (int Exit, string Out, string Err) Run(params string[] args) => Cli.Run(args);

    [Fact]
    public void Without_the_interpreter_perf_device_exits_unavailable_and_says_where_it_looked()
    {
        var missing = Path.Combine(Path.GetTempPath(), "mnpen-no-nanoclr-" + Guid.NewGuid().ToString("N"));
        var (exit, output, err) = Run("perf", "--device", "--json", "--nanoclr", missing);
        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains(missing, err);
        Assert.Contains("--nanoclr", err);
        Assert.Equal("", output);
    }

    [Fact]
    public void Perf_device_json_reports_the_tick_per_state_its_allocation_and_the_esp32_estimate_with_its_source()
    {
        var root = DeviceBenchRunner.FindRepository()!;
        if (DeviceBenchRunner.NfRun(DeviceBenchRunner.NanoclrFolder(root, null)) == null)
        {
            _out.WriteLine("SKIPPED: ../shared/nanoclr is not beside the repository, so there is no interpreter to run the benchmark on.");
            return;
        }
        var (exit, output, err) = Run("perf", "--device", "--json");
        _out.WriteLine(err);
        _out.WriteLine(output);
        Assert.Equal(ExitCodes.Ok, exit);
        using var doc = JsonDocument.Parse(output);
        var r = doc.RootElement;
        foreach (var state in new[] { "ready", "running", "fault" })
        {
            Assert.True(r.GetProperty("device_tick_us").GetProperty(state).GetDouble() > 0, state);
            Assert.True(r.GetProperty("device_tick_alloc_bytes").GetProperty(state).GetDouble() >= 0, state);
            Assert.True(r.GetProperty("esp32s3_estimate_tick_us").GetProperty(state).GetDouble() > 0, state);
        }
        // Each measurement ran in the state it is named after (a session that stopped early would time the wrong code).
        Assert.Equal("Ready", r.GetProperty("firmware_state").GetProperty("ready").GetString());
        Assert.Equal("Running", r.GetProperty("firmware_state").GetProperty("running").GetString());
        Assert.Equal("Fault", r.GetProperty("firmware_state").GetProperty("fault").GetString());
        Assert.Equal(DeviceBenchReport.Esp32Factor, r.GetProperty("esp32s3_factor").GetDouble());
        Assert.Contains("Home#1013", r.GetProperty("esp32s3_factor_source").GetString());
        // The estimate is compared with the firmware's own period, as the bench read it from the firmware constant.
        Assert.Equal(MnPen.Firmware.PenFirmware.TickPeriodMicros, r.GetProperty("tick_period_us").GetInt32());
        foreach (var state in new[] { "ready", "running", "fault" })
            Assert.Equal(Math.Round(r.GetProperty("esp32s3_estimate_tick_us").GetProperty(state).GetDouble() * 100 / MnPen.Firmware.PenFirmware.TickPeriodMicros, 1),
                         r.GetProperty("esp32s3_estimate_percent_of_period").GetProperty(state).GetDouble(), 0.1);
    }

    [Fact]
    public void Bench_output_without_the_firmware_period_is_reported_not_compared_with_a_guess()
    {
        var lines = "mnpen-device-bench 1\n";
        foreach (var s in DeviceBenchReport.States)
            lines += $"state {s} X held\ntick_us {s} 24.0 p99 30.0 mean 25.0 min 20.0 max 90.0 n 5000\nalloc {s} 0.000 gcs 0 headroom 32000 n 5000\n";
        Assert.Null(DeviceBenchReport.Parse(lines, out var problem));
        Assert.Contains("tick_period_us", problem);
        Assert.NotNull(DeviceBenchReport.Parse(lines + "tick_period_us 10000\n", out problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Bench_output_missing_a_state_is_reported_not_half_parsed()
    {
        var report = DeviceBenchReport.Parse("mnpen-device-bench 1\nstate ready Ready held\ntick_us ready 24.0 p99 30.0 mean 25.0 min 20.0 max 90.0 n 5000\nalloc ready 0.000 gcs 0 headroom 32000 n 5000\n", out var problem);
        Assert.Null(report);
        Assert.Contains("running", problem);
        Assert.Contains("fault", problem);
    }
}
