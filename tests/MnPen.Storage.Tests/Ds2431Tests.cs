using MnPen.Hal.Simulator.Cartridge;

namespace MnPen.Storage.Tests;

public class Ds2431Tests
{
    private static (SimOneWireBus bus, Ds2431Device dev, CartridgeMemory mem) Setup(long serial = 0x123456)
    {
        var dev = TestData.NewCartridge(serial);
        var bus = new SimOneWireBus { Device = dev };
        var mem = new CartridgeMemory(bus, null) { ProgramDelayMillis = 0 };
        return (bus, dev, mem);
    }

    [Fact]
    public void Read_rom_returns_the_family_serial_and_a_valid_crc8()
    {
        var (_, dev, mem) = Setup(0xA1B2C3D4E5);
        var rom = new byte[8];
        Assert.True(mem.ReadRom(rom));
        Assert.Equal(dev.RomId, rom);
        Assert.Equal(0x2D, rom[0]);
        Assert.Equal(0xE5, rom[1]);
    }

    [Fact]
    public void Empty_bus_has_no_presence_and_reads_ones()
    {
        var bus = new SimOneWireBus();
        var mem = new CartridgeMemory(bus, null);
        Assert.False(bus.Reset());
        Assert.Equal(0xFF, bus.ReadByte());
        Assert.False(mem.IsPresent());
        Assert.False(mem.ReadRom(new byte[8]));
        Assert.False(mem.ReadMemory(0, new byte[8], 0, 8));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Match_rom_selects_only_the_device_with_that_id(bool rightId)
    {
        var (bus, dev, _) = Setup(0x42);
        byte[] id = rightId ? dev.RomId : Ds2431Device.CreateRomId(0x43);
        bus.Reset();
        bus.WriteByte(0x55);
        foreach (var b in id) bus.WriteByte(b);
        bus.WriteByte(0xF0); bus.WriteByte(0x00); bus.WriteByte(0x00);
        byte first = bus.ReadByte();
        Assert.Equal(rightId ? dev.Peek(0) : (byte)0xFF, first);
    }

    [Fact]
    public void Read_memory_returns_the_image_and_ones_past_the_register_page()
    {
        var (bus, dev, mem) = Setup();
        var image = new byte[128];
        Assert.True(mem.ReadMemory(0, image, 0, 128));
        Assert.Equal(dev.GetMemory(), image);

        Assert.True(bus.Reset());
        bus.WriteByte(0xCC); bus.WriteByte(0xF0); bus.WriteByte(0x8E); bus.WriteByte(0x00);
        Assert.Equal(0xFF, bus.ReadByte()); // 0x8E register (erased)
        bus.ReadByte();
        Assert.Equal(0xFF, bus.ReadByte()); // beyond 0x8F
    }

    [Fact]
    public void Write_scratchpad_answers_with_the_inverted_crc16_and_read_scratchpad_echoes_it()
    {
        var (bus, _, _) = Setup();
        byte[] data = { 1, 2, 3, 4, 5, 6, 7, 8 };
        bus.Reset(); bus.WriteByte(0xCC); bus.WriteByte(0x0F); bus.WriteByte(0x40); bus.WriteByte(0x00);
        foreach (var b in data) bus.WriteByte(b);
        int crc = bus.ReadByte() | (bus.ReadByte() << 8);
        byte[] sent = new byte[] { 0x0F, 0x40, 0x00 }.Concat(data).ToArray();
        Assert.Equal(~OneWireCrc.Crc16(sent, 0, sent.Length) & 0xFFFF, crc);

        bus.Reset(); bus.WriteByte(0xCC); bus.WriteByte(0xAA);
        byte[] frame = Enumerable.Range(0, 13).Select(_ => bus.ReadByte()).ToArray();
        Assert.Equal(new byte[] { 0x40, 0x00, 0x07 }, frame[..3]);
        Assert.Equal(data, frame[3..11]);
        byte[] echoed = new byte[] { 0xAA }.Concat(frame[..11]).ToArray();
        Assert.Equal(~OneWireCrc.Crc16(echoed, 0, echoed.Length) & 0xFFFF, frame[11] | (frame[12] << 8));
    }

    [Fact]
    public void Copy_scratchpad_needs_the_exact_authorisation_bytes()
    {
        var (bus, dev, _) = Setup();
        bus.Reset(); bus.WriteByte(0xCC); bus.WriteByte(0x0F); bus.WriteByte(0x40); bus.WriteByte(0x00);
        for (int i = 0; i < 8; i++) bus.WriteByte(0x11);
        bus.Reset(); bus.WriteByte(0xCC); bus.WriteByte(0x55); bus.WriteByte(0x40); bus.WriteByte(0x00); bus.WriteByte(0x06);
        Assert.Equal(0xFF, bus.ReadByte());
        Assert.Equal(0xFF, dev.Peek(0x40));

        bus.Reset(); bus.WriteByte(0xCC); bus.WriteByte(0x55); bus.WriteByte(0x40); bus.WriteByte(0x00); bus.WriteByte(0x07);
        Assert.Equal(0xAA, bus.ReadByte());
        Assert.Equal(0x11, dev.Peek(0x40));
        Assert.Equal(1, dev.RowWrites);
    }

    [Fact]
    public void Master_row_write_round_trips_and_is_verified()
    {
        var (_, dev, mem) = Setup();
        byte[] row = { 9, 8, 7, 6, 5, 4, 3, 2 };
        Assert.True(mem.WriteRow(0x60, row, 0));
        var back = new byte[8];
        Assert.True(mem.ReadMemory(0x60, back, 0, 8));
        Assert.Equal(row, back);
        Assert.Equal(row, dev.GetMemory()[0x60..0x68]);
    }

    [Fact]
    public void Writes_to_a_write_protected_page_are_reported_as_failed()
    {
        var (_, dev, mem) = Setup();
        byte[] before = dev.GetMemory();
        Assert.False(mem.WriteRow(0x00, new byte[8], 0));
        Assert.Equal(before, dev.GetMemory());
        Assert.False(mem.WriteRow(0x03, new byte[8], 0)); // not row-aligned
    }

    [Fact]
    public void Eprom_mode_page_only_clears_bits()
    {
        var (_, dev, mem) = Setup();
        dev.SetPageProtection(2, 0xAA);
        Assert.True(mem.WriteRow(0x40, new byte[] { 0x0F, 0, 0, 0, 0, 0, 0, 0 }, 0));
        Assert.False(mem.WriteRow(0x40, new byte[] { 0xF0, 0, 0, 0, 0, 0, 0, 0 }, 0));
        Assert.Equal(0x0F, dev.Peek(0x40));
    }

    [Fact]
    public void Noisy_reads_are_caught_by_double_reading_never_returned_as_data()
    {
        var (bus, dev, mem) = Setup();
        var image = new byte[128];
        for (int seed = 0; seed < 40; seed++)
        {
            bus.CorruptNextReads(1 + seed % 3, seed);
            bool ok = mem.ReadMemory(0, image, 0, 128);
            if (ok) Assert.Equal(dev.GetMemory(), image);
        }
        bus.CorruptNextReads(3, 99);
        Assert.True(mem.ReadMemory(0, image, 0, 128), "a short burst of noise is retried");
        Assert.Equal(dev.GetMemory(), image);
    }

    [Fact]
    public void Cartridge_image_round_trips_and_usage_starts_new()
    {
        byte[] raw = CartridgeImage.CreateNew(3, 16, 50, 4711, 11000, 9600);
        var img = new CartridgeImage();
        Assert.True(img.Decode(raw));
        Assert.Equal((3, 16, 50, 4711u, 11000, 9600), (img.Type, img.NeedleCount, img.MaxDepthSteps, img.Lot, img.ExpiryDay, img.ManufacturedDay));
        Assert.Equal(2.5f, img.MaxDepthMm, 3);
        Assert.Equal(CartridgeUsageState.New, img.UsageState);

        raw[6] ^= 1;
        Assert.False(new CartridgeImage().Decode(raw));
        Assert.False(new CartridgeImage().Decode(CartridgeImage.CreateNew(3, 16, 60, 1, 1, 1)));
    }

    [Fact]
    public void Usage_copies_pick_the_newest_valid_and_a_torn_copy_falls_back()
    {
        byte[] raw = CartridgeImage.CreateNew(1, 12, 40, 1, 11000, 9600);
        var img = new CartridgeImage();
        img.Decode(raw);
        img.FirstUseSeconds = 1000; img.RunSeconds = 5; img.PenId = 42;
        img.EncodeUsage(1, raw, CartridgeImage.UsageAddress);
        img.RunSeconds = 60;
        img.EncodeUsage(2, raw, CartridgeImage.UsageAddress + 16);

        var back = new CartridgeImage();
        back.Decode(raw);
        Assert.Equal((CartridgeUsageState.Used, 60u, 1, 42u), (back.UsageState, back.RunSeconds, back.UsageCopy, back.PenId));

        raw[CartridgeImage.UsageAddress + 16 + 9] ^= 0x40; // second row of copy B torn
        back.Decode(raw);
        Assert.Equal((CartridgeUsageState.Used, 5u, 0), (back.UsageState, back.RunSeconds, back.UsageCopy));

        raw[CartridgeImage.UsageAddress + 3] ^= 0x01;
        back.Decode(raw);
        Assert.Equal(CartridgeUsageState.Damaged, back.UsageState);
    }
}
