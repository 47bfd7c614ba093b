namespace MnPen.Hal
{
    /// <summary>Named byte files in non-volatile memory (LittleFS on I:\ on the pen).</summary>
    public interface INonVolatileStorage
    {
        /// <summary>Length of the named file in bytes, or -1 if it does not exist.</summary>
        int Length(string name);

        /// <summary>Reads up to count bytes from offset into buffer; returns the number read (0 past the end or if absent).</summary>
        int Read(string name, int offset, byte[] buffer, int bufferOffset, int count);

        /// <summary>Writes count bytes at offset, creating or extending the file. A power cut may leave it partly written.</summary>
        void Write(string name, int offset, byte[] data, int dataOffset, int count);

        /// <summary>Deletes the named file if it exists.</summary>
        void Delete(string name);
    }
}
