using System.Text;
using MnPen.Hal.Simulator.Cartridge;

namespace MnPen.Storage.Tests;

public class CrcTests
{
    [Theory]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Crc32_matches_the_standard_check_values(string text, uint expected)
    {
        byte[] b = Encoding.ASCII.GetBytes(text);
        Assert.Equal(expected, Crc32.Compute(b, 0, b.Length));
    }

    [Fact]
    public void Crc32_fed_in_pieces_equals_one_pass_and_respects_offsets()
    {
        byte[] b = Encoding.ASCII.GetBytes("xx123456789yy");
        uint crc = Crc32.Update(Crc32.Start, b, 2, 4);
        crc = Crc32.Update(crc, b, 6, 5);
        Assert.Equal(0xCBF43926u, Crc32.Finish(crc));
        Assert.Equal(0xCBF43926u, Crc32.Compute(b, 2, 9));
    }

    [Fact]
    public void Crc16_matches_the_arc_check_value_and_the_sent_inverted_form_is_crc16_maxim()
    {
        byte[] b = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xBB3D, OneWireCrc.Crc16(b, 0, b.Length));
        Assert.Equal(0x44C2, ~OneWireCrc.Crc16(b, 0, b.Length) & 0xFFFF);
    }

    [Fact]
    public void Crc8_matches_the_maxim_application_note_example_and_the_simulator_model()
    {
        // Maxim AN27: ROM 02 1C B8 01 00 00 00 has CRC8 A2.
        byte[] rom = { 0x02, 0x1C, 0xB8, 0x01, 0x00, 0x00, 0x00, 0xA2 };
        Assert.Equal(0xA2, OneWireCrc.Crc8(rom, 0, 7));
        Assert.Equal(0, OneWireCrc.Crc8(rom, 0, 8));
        for (long serial = 1; serial < 2000; serial += 37)
        {
            byte[] id = Ds2431Device.CreateRomId(serial);
            Assert.Equal(0, OneWireCrc.Crc8(id, 0, 8));
            Assert.Equal(Ds2431Device.Crc8(id, 0, 7), OneWireCrc.Crc8(id, 0, 7));
        }
    }
}
