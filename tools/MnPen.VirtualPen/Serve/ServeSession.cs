using System.Text.Json;
using MnPen.Protocol;

namespace MnPen.VirtualPen.Serve;

/// <summary>
/// `mnpen sim --serve URI`: runs a served virtual pen until cancelled (Ctrl+C, SIGTERM), printing where to reach it;
/// notices (clients, refusals, power off and wake) go to the error writer with the simulated time.
/// </summary>
public static class ServeSession
{
    /// <summary>Exit code: served until stopped.</summary>
    public const int Ok = 0;
    /// <summary>Exit code: bad URI or fault option.</summary>
    public const int BadInput = 2;
    /// <summary>Exit code: could not listen, or the simulation stopped.</summary>
    public const int Unavailable = 3;

    /// <summary>Serves until cancel fires (Ctrl+C); returns an exit code.</summary>
    public static int Run(string uri, ulong seed, IReadOnlyList<string> faults, double speed, bool json,
        TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var endpoint = ServeEndpoint.Parse(uri, out string? why);
        if (endpoint == null)
        {
            error.WriteLine("mnpen sim --serve: " + why);
            return BadInput;
        }
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            error.WriteLine("mnpen sim --serve: --speed must be > 0 (1 = real time)");
            return BadInput;
        }
        var specs = new List<FaultSpec>();
        foreach (var f in faults)
        {
            var spec = FaultSpec.Parse(f, out string? ferr);
            if (spec == null)
            {
                error.WriteLine("mnpen sim --serve: " + ferr);
                return BadInput;
            }
            specs.Add(spec);
        }

        // SIGTERM (a service manager, `kill`) stops as cleanly as Ctrl+C: the pty link and listener are removed.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; linked.Cancel(); });
        cancel = linked.Token;
        PenServer server;
        try
        {
            server = new PenServer(new VirtualPenOptions { Seed = seed }, endpoint, speed, error);
            server.Start();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine("mnpen sim --serve: " + ex.Message);
            return Unavailable;
        }
        using (server)
        {
            foreach (var spec in specs)
            {
                server.At(spec.AtSeconds, p =>
                {
                    string outcome = p.InjectFault(spec.Name, spec.Parameters);
                    error.WriteLine($"[{p.NowSeconds:0.000} s] fault {spec.Name}: {outcome}");
                });
            }
            string serial = server.Query(p => p.Firmware.Store?.Calibration?.SerialNumber ?? "");
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    target = server.Target,
                    serial,
                    protocol_version = ProtocolSchema.Version,
                    schema_hash = ProtocolSchema.Hash.ToString("x8"),
                    service_key = "dev",
                    speed,
                    clients = endpoint.Kind == "tcp" ? "one at a time; a second connection is refused with a 'busy:' line" : "one serial tool at a time",
                    faults = specs.Select(s => new { name = s.Name, at_seconds = s.AtSeconds }).ToArray(),
                }));
            }
            else
            {
                output.WriteLine($"virtual pen {serial} serving the pen protocol v{ProtocolSchema.Version} (schema {ProtocolSchema.Hash:x8}) at {server.Target}");
                output.WriteLine($"  try:   mnpen status --target {server.Target}");
                output.WriteLine($"         mnpen monitor --target {server.Target} --samples-per-second 10");
                output.WriteLine("  service key of virtual pens: --key dev (published development key)");
                output.WriteLine(endpoint.Kind == "tcp"
                    ? "  one client at a time, like a pen on one USB port: a second connection gets \"busy: ...\" and is closed"
                    : "  one serial tool at a time, like a pen on one USB port");
                output.WriteLine("  idle, it sleeps and then powers itself off like a real pen; a client connecting or sending wakes it");
                output.WriteLine($"  paced at {speed:0.##}x real time; {specs.Count} scheduled fault(s); Ctrl+C stops");
            }
            output.Flush();
            server.WaitUntilStopped(cancel);
            if (server.Failure != null)
            {
                error.WriteLine($"mnpen sim --serve: the simulation stopped: {server.Failure.GetType().Name}: {server.Failure.Message}" +
                                " — this is a defect of the virtual pen; please report it with the command line (seed, faults)");
                return Unavailable;
            }
            string clients = endpoint.Kind == "tcp" ? $"{server.Connections} client(s) served, {server.Refusals} refused as busy, " : "";
            error.WriteLine($"mnpen sim --serve: stopped at {server.Query(p => p.NowSeconds):0.000} s simulated; " +
                            $"{clients}{server.RequestsHandled} request(s) answered");
        }
        return Ok;
    }
}
