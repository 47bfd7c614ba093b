using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MnPen.Client;
using MnPen.Safety;
using MnPen.Tools.Tests.CommandLine;

namespace MnPen.Tools.Tests.Technician;

/// <summary>
/// As a technician would: a virtual pen served by `mnpen sim --serve tcp://127.0.0.1:PORT --fault ntc-open@2` in its
/// own process, the fault comes at 2 s of pen time, and `mnpen log --target tcp://127.0.0.1:PORT --json` (another
/// process) lists the boot and the fault with its name and remedy.
/// </summary>
public class LogOverTcpTests
{
    [UnixFact]
    public void Mnpen_log_over_tcp_lists_the_fault_a_served_pen_was_started_with()
    {
        int port = FreePort();
        string target = $"tcp://127.0.0.1:{port}";
        var served = BuiltTool.Start(new[] { "sim", "--serve", target, "--fault", "ntc-open@2", "--speed", "4" });
        try
        {
            var status = WaitFor(target, s => s.Fault == (int)FaultCode.ThermistorOpen, TimeSpan.FromSeconds(60), served);
            Assert.Equal((int)FaultCode.ThermistorOpen, status.Fault);

            var log = BuiltTool.Run(new[] { "log", "--target", target, "--json" });
            Assert.True(log.Exit == 0, log.Stderr);
            using var doc = JsonDocument.Parse(log.Stdout);
            var events = doc.RootElement.GetProperty("events").EnumerateArray().ToList();
            int boot = events.FindIndex(e => e.GetProperty("kind").GetString() == "Boot");
            int fault = events.FindIndex(e => e.GetProperty("kind").GetString() == "Fault");
            Assert.True(boot >= 0 && fault > boot, log.Stdout);
            Assert.Equal("ThermistorOpen", events[fault].GetProperty("fault").GetString());
            Assert.Equal(FaultCatalog.Remedy(FaultCode.ThermistorOpen), events[fault].GetProperty("remedy").GetString());
        }
        finally
        {
            served.Interrupt();
            served.Finish(TimeSpan.FromSeconds(20));
        }
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    // Connects as soon as the served pen listens and polls its status until the condition holds.
    private static MnPen.Protocol.PenStatusData WaitFor(string target, Func<MnPen.Protocol.PenStatusData, bool> condition, TimeSpan timeout, BuiltTool.Running served)
    {
        var until = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < until)
        {
            Assert.False(served.Process.HasExited, "mnpen sim --serve ended: " + served.StderrSoFar);
            try
            {
                using var c = PenClient.Connect(target, TimeSpan.FromSeconds(2));
                while (DateTime.UtcNow < until)
                {
                    var s = c.GetStatus();
                    if (condition(s)) return s;
                    Thread.Sleep(100);
                }
            }
            catch (Exception ex) when (ex is PenUnavailableException or IOException)
            {
                last = ex;
                Thread.Sleep(200);
            }
        }
        throw new TimeoutException($"the served pen at {target} did not reach the condition: {last?.Message} {served.StderrSoFar}");
    }
}
