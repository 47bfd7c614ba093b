using System;
using MnPen.DeviceTests.Fakes;
using MnPen.Firmware;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace MnPen.DeviceBench
{
    /// <summary>
    /// Bytes a tick allocates, on the interpreter's own heap. GC.Run returns the free memory after collecting, so garbage
    /// is invisible to a before/after difference; instead the heap is filled until only a small headroom is free, and
    /// a collection (seen as a weak reference losing its target) then means the ticks allocated at least that headroom.
    /// Zero collections over n ticks bounds the allocation below headroom / n bytes per tick; every nanoFramework object
    /// takes at least one heap block (12 bytes on the pen, 24 here), so with headroom under 24 × n bytes no collection
    /// means no tick allocated anything.
    /// </summary>
    public static class AllocationProbe
    {
        /// <summary>Free heap left for the ticks, bytes.</summary>
        public const int Headroom = 64 * 1024;

        private const int Chunk = 16 * 1024;

        /// <summary>What the probe found.</summary>
        public sealed class Result
        {
            /// <summary>Estimated bytes per tick (collections × headroom / ticks; 0 when none).</summary>
            public double BytesPerTick;
            /// <summary>Collections during the ticks.</summary>
            public int Collections;
            /// <summary>Free heap the ticks started with, bytes.</summary>
            public uint HeadroomBytes;
            /// <summary>Ticks run.</summary>
            public int Ticks;
        }

        /// <summary>Runs n plant steps and ticks with the heap nearly full and counts the collections they cause.</summary>
        public static Result Run(FakePenBoard pen, PenFirmware fw, int n)
        {
            uint free = NativeGC.Run(true);
            // Chunks of 16 KB, then ever smaller ones, until only the headroom is left (one huge array would need one
            // contiguous free run, which a fragmented heap may not have).
            object[] filler = new object[(int)(free / Chunk) + 64];
            int used = 0;
            int size = Chunk;
            long left = free;
            while (size >= 1024 && used < filler.Length)
            {
                if (left < Headroom + size + 512)
                {
                    // Re-measure before going smaller: the block headers make the running estimate drift.
                    left = NativeGC.Run(false);
                    if (left < Headroom + size + 512)
                    {
                        size /= 2;
                        continue;
                    }
                }
                try
                {
                    filler[used++] = new byte[size];
                    left -= size;
                }
                catch (OutOfMemoryException)
                {
                    used--;
                    size /= 2;
                }
            }
            uint headroom = NativeGC.Run(true);
            var sentinel = new WeakReference(new object());
            int collections = 0;
            for (int i = 0; i < n; i++)
            {
                pen.Step();
                fw.Tick();
                if (!sentinel.IsAlive)
                {
                    collections++;
                    sentinel.Target = new object();
                }
            }
            filler = null;
            NativeGC.Run(true);
            var r = new Result();
            r.Ticks = n;
            r.Collections = collections;
            r.HeadroomBytes = headroom;
            r.BytesPerTick = collections == 0 ? 0.0 : (double)collections * headroom / n;
            return r;
        }
    }
}
