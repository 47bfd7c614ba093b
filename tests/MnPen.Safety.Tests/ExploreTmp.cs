using MnPen.Bench.Suites;
using MnPen.Firmware;
using MnPen.Storage;
using MnPen.VirtualPen;
using Xunit.Abstractions;

namespace MnPen.Safety.Tests;

public class ExploreTmp(ITestOutputHelper o)
{
    [Fact]
    public void Explore()
    {
        var cal = MnPen.VirtualPen.Factory.FactoryCalibrator.Measure(new VirtualPenOptions { Seed = 1 });
        var sw = new System.Diagnostics.Stopwatch();
        double tc = 0, tw = 0, tb = 0, tr = 0, ts = 0;
        for (int k = 0; k < 30; k++)
        {
            sw.Restart();
            var pen = VirtualPen.VirtualPen.Create(new VirtualPenOptions { Seed = (ulong)(100 + k), FactoryCalibration = false });
            tc += sw.Elapsed.TotalMilliseconds; sw.Restart();
            var store = new PenStore(pen.Board.Pen); store.SaveCalibration(cal); store.Events.Flush();
            tw += sw.Elapsed.TotalMilliseconds; sw.Restart();
            pen.Boot(); pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 1);
            tb += sw.Elapsed.TotalMilliseconds; sw.Restart();
            double t0 = pen.NowSeconds;
            pen.Firmware.RequestStart(); pen.RunUntil(() => pen.Firmware.State == PenState.Running, 1);
            if (k == 3) o.WriteLine($"start took {pen.NowSeconds - t0:F3} s sim, boot ended at {t0:F3}");
            tr += sw.Elapsed.TotalMilliseconds; sw.Restart();
            pen.RunFor(0.5);
            ts += sw.Elapsed.TotalMilliseconds;
            if (k == 0) { tc = tw = tb = tr = ts = 0; }
        }
        o.WriteLine($"create {tc/29:F2} write {tw/29:F2} boot {tb/29:F2} start {tr/29:F2} run0.5s {ts/29:F2} ms");
    }
}
