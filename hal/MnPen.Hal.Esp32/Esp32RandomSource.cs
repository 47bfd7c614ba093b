namespace MnPen.Hal.Esp32
{
    /// <summary>
    /// The ESP32-S3's hardware RNG through nanoFramework's System.Random: on ESP32 targets its native Next/NextBytes call
    /// esp_random() and ignore any seed (nf-interpreter targets/ESP32/_nanoCLR/targetRandom.cpp). NextBytes keeps only the
    /// low byte of each esp_random() word, so each byte costs one RNG read; the nonce needs 8.
    /// </summary>
    public sealed class Esp32RandomSource : IRandomSource
    {
        private readonly System.Random _rng = new System.Random();
        private readonly byte[] _block = new byte[16];

        /// <inheritdoc />
        public void Fill(byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                _rng.NextBytes(_block);
                int n = count < _block.Length ? count : _block.Length;
                System.Array.Copy(_block, 0, buffer, offset, n);
                offset += n;
                count -= n;
            }
            System.Array.Clear(_block, 0, _block.Length);
        }
    }
}
