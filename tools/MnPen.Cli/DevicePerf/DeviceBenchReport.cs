using System.Globalization;
using System.Text.Json.Nodes;

namespace MnPen.Cli.DevicePerf;

/// <summary>The device tick benchmark's figures (tools/MnPen.DeviceBench on nanoCLR), parsed from its output lines.</summary>
public sealed class DeviceBenchReport
{
    /// <summary>
    /// Host interpreter → ESP32-S3 time factor. nanoFramework Home#1013 (github.com/nanoframework/Home/issues/1013): a
    /// `while (true) led.Toggle();` loop gives 81 kHz on pin 25 of an ESP32 running the ESP32_PSRAM_REV3 image, i.e.
    /// 6.2 µs per loop turn; the same loop (one call through the pin interface) takes about 0.12 µs on this x86-64 host
    /// interpreter, so the pen runs the same IL about 50 times slower. Re-measured by each run as host_toggle_loop_us.
    /// </summary>
    public const double Esp32Factor = 50.0;

    /// <summary>Where <see cref="Esp32Factor"/> comes from, written next to the estimate.</summary>
    public const string Esp32FactorSource =
        "nanoFramework Home#1013: led.Toggle() loop at 81 kHz = 6.2 us/turn on an ESP32 (PSRAM image) vs ~0.12 us/turn for the same loop on this x86-64 host interpreter";

    /// <summary>ESP32 loop time per Toggle() turn from Home#1013, microseconds.</summary>
    public const double Esp32ToggleMicros = 6.2;

    /// <summary>The states measured, in order.</summary>
    public static readonly string[] States = { "ready", "running", "fault" };

    /// <summary>Median Tick() per state, microseconds (host interpreter).</summary>
    public Dictionary<string, double> TickMicros { get; } = new();
    /// <summary>99th percentile per state.</summary>
    public Dictionary<string, double> TickMicrosP99 { get; } = new();
    /// <summary>Mean per state.</summary>
    public Dictionary<string, double> TickMicrosMean { get; } = new();
    /// <summary>Bytes allocated per tick per state.</summary>
    public Dictionary<string, double> AllocBytes { get; } = new();
    /// <summary>Collections the allocation probe saw per state.</summary>
    public Dictionary<string, int> Collections { get; } = new();
    /// <summary>Firmware state each measurement ran in, and whether it stayed there.</summary>
    public Dictionary<string, string> StateSeen { get; } = new();
    /// <summary>Median cost of parts of a Running tick, microseconds, in the bench's order.</summary>
    public List<KeyValuePair<string, double>> Parts { get; } = new();
    /// <summary>Free heap the allocation probe left for the ticks, bytes.</summary>
    public long HeadroomBytes { get; private set; }
    /// <summary>Ticks timed per state.</summary>
    public int Ticks { get; private set; }
    /// <summary>Re-measured host side of the factor: one toggle-loop turn, microseconds.</summary>
    public double HostToggleMicros { get; private set; }
    /// <summary>The firmware's control period (PenFirmware.TickPeriodMicros, printed by the bench), microseconds.</summary>
    public int TickPeriodMicros { get; private set; }

    /// <summary>Share of the control period the ESP32-S3 estimate of the median tick takes, percent.</summary>
    public double Esp32PercentOfPeriod(string state) => Esp32Estimate(state) * 100.0 / TickPeriodMicros;

    /// <summary>ESP32-S3 estimate of the median tick per state, microseconds.</summary>
    public double Esp32Estimate(string state) => TickMicros[state] * Esp32Factor;

    /// <summary>Parses the bench's lines; null with a reason when a figure is missing.</summary>
    public static DeviceBenchReport? Parse(string output, out string? problem)
    {
        var r = new DeviceBenchReport();
        foreach (var raw in output.Split('\n'))
        {
            var f = raw.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 2) continue;
            switch (f[0])
            {
                case "toggle_loop_us":
                    r.HostToggleMicros = D(f[1]);
                    break;
                case "tick_period_us":
                    r.TickPeriodMicros = int.Parse(f[1], CultureInfo.InvariantCulture);
                    break;
                case "state" when f.Length >= 4:
                    r.StateSeen[f[1]] = f[2] + (f[3] == "held" ? "" : " (" + f[3] + ")");
                    break;
                case "tick_us" when f.Length >= 13:
                    r.TickMicros[f[1]] = D(f[2]);
                    r.TickMicrosP99[f[1]] = D(f[4]);
                    r.TickMicrosMean[f[1]] = D(f[6]);
                    r.Ticks = int.Parse(f[12], CultureInfo.InvariantCulture);
                    break;
                case "part_us" when f.Length >= 3:
                    r.Parts.Add(new KeyValuePair<string, double>(f[1], D(f[2])));
                    break;
                case "alloc" when f.Length >= 9:
                    r.AllocBytes[f[1]] = D(f[2]);
                    r.Collections[f[1]] = int.Parse(f[4], CultureInfo.InvariantCulture);
                    r.HeadroomBytes = Math.Max(r.HeadroomBytes, long.Parse(f[6], CultureInfo.InvariantCulture));
                    break;
            }
        }
        var missing = States.Where(s => !r.TickMicros.ContainsKey(s) || !r.AllocBytes.ContainsKey(s) || !r.StateSeen.ContainsKey(s)).ToList();
        problem = missing.Count == 0 ? null : "the benchmark printed no figures for " + string.Join(", ", missing);
        if (problem == null && r.TickPeriodMicros <= 0) problem = "the benchmark printed no tick_period_us (the firmware's control period)";
        return problem == null ? r : null;
    }

    /// <summary>The report as JSON (device_tick_us, device_tick_alloc_bytes and the ESP32-S3 estimate with its factor and source).</summary>
    public string ToJson()
    {
        JsonObject PerState(Func<string, double> f, int decimals)
        {
            var o = new JsonObject();
            foreach (var s in States) o[s] = Math.Round(f(s), decimals);
            return o;
        }
        var states = new JsonObject();
        foreach (var s in States) states[s] = StateSeen[s];
        var root = new JsonObject
        {
            ["figures"] = "x86-64 host nanoCLR interpreter (nanoFramework's own interpreter, built for Linux); not ESP32 microseconds",
            ["device_tick_us"] = PerState(s => TickMicros[s], 1),
            ["device_tick_us_p99"] = PerState(s => TickMicrosP99[s], 1),
            ["device_tick_us_mean"] = PerState(s => TickMicrosMean[s], 1),
            ["device_tick_alloc_bytes"] = PerState(s => AllocBytes[s], 3),
            ["device_alloc_probe"] = new JsonObject
            {
                ["headroom_bytes"] = HeadroomBytes,
                ["collections"] = PerState(s => Collections[s], 0),
                ["bound_bytes_per_tick"] = Math.Round((double)HeadroomBytes / Math.Max(1, Ticks), 2),
            },
            ["device_tick_parts_us"] = Parts.Aggregate(new JsonObject(), (o, p) => { o[p.Key] = Math.Round(p.Value, 1); return o; }),
            ["ticks_per_state"] = Ticks,
            ["firmware_state"] = states,
            ["tick_period_us"] = TickPeriodMicros,
            ["esp32s3_estimate_tick_us"] = PerState(Esp32Estimate, 0),
            ["esp32s3_estimate_percent_of_period"] = PerState(Esp32PercentOfPeriod, 1),
            ["esp32s3_factor"] = Esp32Factor,
            ["esp32s3_factor_source"] = Esp32FactorSource,
            ["host_toggle_loop_us"] = Math.Round(HostToggleMicros, 4),
            ["host_factor_measured"] = HostToggleMicros > 0 ? Math.Round(Esp32ToggleMicros / HostToggleMicros, 1) : null,
        };
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
