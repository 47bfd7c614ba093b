namespace MnPen.Hal
{
    /// <summary>A 1-Wire master, byte level (the cartridge's ID memory hangs on it).</summary>
    public interface IOneWireBus
    {
        /// <summary>Issues a reset pulse; true if a device answered with a presence pulse.</summary>
        bool Reset();

        /// <summary>Writes one byte, least significant bit first.</summary>
        void WriteByte(byte value);

        /// <summary>Reads one byte, least significant bit first (0xFF when no device drives the bus).</summary>
        byte ReadByte();
    }
}
