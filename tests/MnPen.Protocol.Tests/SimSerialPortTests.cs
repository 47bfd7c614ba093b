using MnPen.Hal.Simulator.Serial;

namespace MnPen.Protocol.Tests;

public class SimSerialPortTests
{
    [Fact]
    public void Bytes_pass_in_order_both_ways_across_the_ring_boundary()
    {
        var port = new SimSerialPort(64);
        var buf = new byte[64];
        for (int round = 0; round < 50; round++)
        {
            var data = Enumerable.Range(round, 40).Select(i => (byte)i).ToArray();
            Assert.Equal(40, port.PushToPen(data, 0, data.Length));
            Assert.Equal(40, port.BytesToRead);
            Assert.Equal(40, port.Read(buf, 0, buf.Length));
            Assert.Equal(data, buf.Take(40));
            Assert.Equal(40, port.Write(data, 0, data.Length));
            Assert.Equal(data, port.TakeAllFromPen());
        }
    }

    [Fact]
    public void A_full_port_drops_and_counts_instead_of_growing()
    {
        var port = new SimSerialPort(32);
        var data = new byte[100];
        Assert.Equal(32, port.Write(data, 0, data.Length));
        Assert.Equal(0, port.Write(data, 0, 1));
        Assert.Equal(69, port.DroppedFromPen);
        Assert.Equal(32, port.PushToPen(data, 0, data.Length));
        Assert.Equal(68, port.DroppedToPen);
        Assert.Equal(32, port.BytesFromPen);
    }

    [Fact]
    public void A_host_thread_and_the_pen_loop_can_use_it_at_once_without_losing_order()
    {
        var port = new SimSerialPort(256);
        const int total = 200_000;
        var received = new List<byte>(total);
        var host = new Thread(() =>
        {
            var chunk = new byte[37];
            int sent = 0;
            while (sent < total)
            {
                int n = Math.Min(chunk.Length, total - sent);
                for (int i = 0; i < n; i++) chunk[i] = (byte)(sent + i);
                int off = 0;
                while (off < n) off += port.PushToPen(chunk, off, n - off);
                sent += n;
            }
        });
        host.Start();
        var buf = new byte[50];
        while (received.Count < total)
        {
            int n = port.Read(buf, 0, buf.Length);
            for (int i = 0; i < n; i++) received.Add(buf[i]);
        }
        host.Join();
        Assert.Equal(total, port.TotalToPen);
        for (int i = 0; i < total; i++) Assert.Equal((byte)i, received[i]);
    }
}
