using MnPen.Hal;

namespace MnPen.Simulator.Tests.Board;

/// <summary>
/// The host-link writer against a model of nanoFramework's ESP32 SerialPort.Write (sys_io_ser_native_System_IO_Ports_SerialPort.cpp):
/// no TX buffer (the caller waits while the 128-byte FIFO is full), the whole array is sent from the offset, and an array
/// longer than the 20 ms quantum goes to a task while the caller waits WriteTimeout (0: throws, the bytes still go out).
/// </summary>
public class UartTxPacerTests
{
    private sealed class NfEsp32Uart
    {
        private readonly int _baud;
        private double _fifoEmptyAtUs;
        public readonly List<byte> Wire = new();
        public double BlockedUs;
        public int LargestWrite;
        public double NowUs;

        public NfEsp32Uart(int baud) => _baud = baud;

        private double ByteUs => 10e6 / _baud;

        public void Write(byte[] array, int offset, int count)
        {
            if (offset + count > array.Length) throw new ArgumentException("offset + count beyond the array");
            int length = array.Length;                      // the native uses the array length, not count
            LargestWrite = Math.Max(LargestWrite, length);
            bool longRunning = 10.0 * length * 1000 / _baud > UartTxPacer.QuantumMillis;
            for (int i = offset; i < offset + length; i++) Wire.Add(i < array.Length ? array[i] : (byte)0xEE);
            double start = Math.Max(NowUs, _fifoEmptyAtUs);
            double queuedAhead = (start - NowUs) / ByteUs;   // bytes still in the FIFO
            double overflow = queuedAhead + length - UartTxPacer.FifoBytes;
            if (!longRunning && overflow > 0) BlockedUs += overflow * ByteUs;   // uart_write_bytes waits for room
            _fifoEmptyAtUs = start + length * ByteUs;
            if (longRunning) throw new TimeoutException();    // WriteTimeout = 0
        }
    }

    private static byte[] Frames(int bytes)
    {
        var rng = new Random(3);
        var b = new byte[bytes];
        rng.NextBytes(b);
        return b;
    }

    [Fact]
    public void Writing_the_transmit_buffer_directly_sends_garbage_and_repeats_as_the_driver_stands()
    {
        // What the pen did: Write(buffer, start, count) on the transmitter's 3-frame buffer, 0 accepted on a timeout.
        var uart = new NfEsp32Uart(115200);
        var buffer = new byte[1572];
        var frame = Frames(600);
        Array.Copy(frame, buffer, frame.Length);
        int sent = 0;
        for (int attempt = 0; attempt < 2 && sent < frame.Length; attempt++)
        {
            try { uart.Write(buffer, sent, frame.Length - sent); sent = frame.Length; }
            catch (TimeoutException) { }
        }
        Assert.True(uart.Wire.Count >= 2 * buffer.Length, "the whole array went out, twice");
    }

    [Theory]
    [InlineData(921600)]
    [InlineData(115200)]
    [InlineData(9600)]
    public void Paced_chunks_deliver_every_byte_once_without_blocking_or_a_timeout(int baud)
    {
        var uart = new NfEsp32Uart(baud);
        var pacer = new UartTxPacer(baud);
        var data = Frames(5000);
        int at = 0;
        ulong now = 0;
        int polls = 0;
        while (at < data.Length)
        {
            // The link writes once per 10 ms control tick.
            uart.NowUs = now;
            int room = pacer.Room(now);
            if (room > 0)
            {
                int n = Math.Min(room, data.Length - at);
                byte[] chunk = pacer.Take(data, at, n, now);
                Assert.Equal(n, chunk.Length);
                uart.Write(chunk, 0, n);   // never throws: no chunk reaches the task path
                at += n;
            }
            now += 10_000;
            polls++;
            Assert.True(polls < 1_000_000);
        }
        Assert.Equal(data, uart.Wire.ToArray());
        Assert.Equal(0.0, uart.BlockedUs);
        Assert.True(uart.LargestWrite <= UartTxPacer.FifoBytes);
        Assert.True(10.0 * uart.LargestWrite * 1000 / baud <= UartTxPacer.QuantumMillis / 2.0);
    }
}
