namespace MnPen.Hal
{
    /// <summary>
    /// Feeds a UART whose driver has no transmit buffer without ever blocking the caller or sending a byte twice: hands out
    /// exact-size chunks that fit the hardware FIFO space estimated from the baud rate and the time since the last write.
    /// </summary>
    /// <remarks>
    /// Written for nanoFramework's ESP32 SerialPort (nf-interpreter targets/ESP32/_nanoCLR/System.IO.Ports/
    /// sys_io_ser_native_System_IO_Ports_SerialPort.cpp): the driver is installed with a TX buffer of 0 bytes, so
    /// uart_write_bytes waits until every byte is in the 128-byte FIFO; Write sends the WHOLE array from the offset (the
    /// count only bounds-checks), and a write whose array would take longer than the 20 ms thread quantum runs in a task
    /// while the caller waits WriteTimeout: with 0 it throws TimeoutException although the task still sends the bytes. So
    /// every chunk is its own array of exactly the bytes to send, no larger than the FIFO room and far below the quantum.
    /// No allocation after construction.
    /// </remarks>
    public sealed class UartTxPacer
    {
        /// <summary>ESP32-S3 UART transmit FIFO, bytes (ESP32-S3 TRM, UART: 128-byte TX FIFO per controller).</summary>
        public const int FifoBytes = 128;

        /// <summary>nanoFramework's thread quantum, ms (CLR_RT_Thread::c_TimeQuantum_Milliseconds): longer writes run in a task.</summary>
        public const int QuantumMillis = 20;

        private readonly byte[][] _chunks;
        private readonly int _maxChunk;
        private readonly long _bitsPerSecond;
        private ulong _lastMicros;
        private long _queuedBits;

        /// <summary>Creates the pacer for a UART at baud (10 bits per byte: start, 8 data, stop).</summary>
        public UartTxPacer(int baud)
        {
            _bitsPerSecond = baud > 0 ? baud : 115200;
            // Half the quantum at most, so the driver's long-write path (task + WriteTimeout) is never taken.
            long byQuantum = _bitsPerSecond / 10L * QuantumMillis / 2000L;
            _maxChunk = byQuantum < FifoBytes ? (int)(byQuantum < 1 ? 1 : byQuantum) : FifoBytes;
            _chunks = new byte[_maxChunk + 1][];
            for (int n = 1; n <= _maxChunk; n++) _chunks[n] = new byte[n];
        }

        /// <summary>Largest chunk ever handed out, bytes.</summary>
        public int MaxChunk => _maxChunk;

        /// <summary>Bytes that fit the FIFO now (estimated: it drains at the baud rate), at most MaxChunk.</summary>
        public int Room(ulong nowMicros)
        {
            Drain(nowMicros);
            long freeBits = (long)FifoBytes * 10L - _queuedBits;
            int free = (int)(freeBits / 10L);
            return free < _maxChunk ? (free < 0 ? 0 : free) : _maxChunk;
        }

        /// <summary>Copies count bytes (1..Room) into the chunk of exactly that size and books them; returns the chunk to write whole.</summary>
        public byte[] Take(byte[] buffer, int offset, int count, ulong nowMicros)
        {
            Drain(nowMicros);
            byte[] chunk = _chunks[count];
            for (int i = 0; i < count; i++) chunk[i] = buffer[offset + i];
            _queuedBits += count * 10L;
            return chunk;
        }

        private void Drain(ulong nowMicros)
        {
            if (nowMicros > _lastMicros)
            {
                ulong elapsed = nowMicros - _lastMicros;
                long sent = elapsed > 10000000UL ? long.MaxValue / 4 : (long)elapsed * _bitsPerSecond / 1000000L;
                _queuedBits = sent >= _queuedBits ? 0 : _queuedBits - sent;
            }
            _lastMicros = nowMicros;
        }
    }
}
