using MnPen.Storage;
using nanoFramework.TestFramework;

namespace MnPen.DeviceTests
{
    /// <summary>The cartridge ID memory image: factory page and the two usage copies, decoded on the device runtime.</summary>
    [TestClass]
    public class CartridgeCodecTests
    {
        private static byte[] NewImage()
        {
            return CartridgeImage.CreateNew(3, 16, 50, 4711, 11000, 9600);
        }

        /// <summary>A new image with two usage copies: copy A (sequence 1) at 95 s run time, copy B (sequence 2) at 180 s.</summary>
        private static byte[] UsedTwice()
        {
            byte[] raw = NewImage();
            var writer = new CartridgeImage();
            writer.Decode(raw);
            writer.FirstUseSeconds = 820000000u;
            writer.RunSeconds = 95u;
            writer.PenId = 0xC0FFEE01u;
            writer.EncodeUsage(1, raw, CartridgeImage.UsageAddress);
            writer.RunSeconds = 180u;
            writer.EncodeUsage(2, raw, CartridgeImage.UsageAddress + CartridgeImage.UsageSize);
            return raw;
        }

        [TestMethod]
        public void New_cartridge_image_decodes_with_its_factory_fields_and_blank_usage()
        {
            var image = new CartridgeImage();
            Assert.IsTrue(image.Decode(NewImage()));
            Assert.AreEqual(3, image.Type);
            Assert.AreEqual(16, image.NeedleCount);
            Assert.AreEqual(50, image.MaxDepthSteps);
            Assert.AreEqual(4711u, image.Lot);
            Assert.AreEqual(11000, image.ExpiryDay);
            Assert.AreEqual(9600, image.ManufacturedDay);
            Assert.AreEqual((int)CartridgeUsageState.New, (int)image.UsageState);
        }

        [TestMethod]
        public void One_flipped_bit_in_the_factory_page_is_refused()
        {
            byte[] raw = NewImage();
            raw[6] ^= 0x01;
            Assert.IsFalse(new CartridgeImage().Decode(raw));
        }

        [TestMethod]
        public void Depth_above_the_cartridge_limit_field_is_refused()
        {
            Assert.IsFalse(new CartridgeImage().Decode(CartridgeImage.CreateNew(3, 16, CartridgeImage.MaxDepthStepsLimit + 1, 1, 1, 1)));
        }

        [TestMethod]
        public void Usage_copy_round_trips_and_the_newer_copy_wins()
        {
            byte[] raw = UsedTwice();
            var reader = new CartridgeImage();
            Assert.IsTrue(reader.Decode(raw));
            Assert.AreEqual((int)CartridgeUsageState.Used, (int)reader.UsageState);
            Assert.AreEqual(1, reader.UsageCopy);
            Assert.AreEqual(180u, reader.RunSeconds);
            Assert.AreEqual(820000000u, reader.FirstUseSeconds);
            Assert.AreEqual(0xC0FFEE01u, reader.PenId);
        }

        [TestMethod]
        public void Damaged_newer_usage_copy_falls_back_to_the_older_one()
        {
            byte[] raw = UsedTwice();
            raw[CartridgeImage.UsageAddress + CartridgeImage.UsageSize + 7] ^= 0x80;

            var reader = new CartridgeImage();
            reader.Decode(raw);
            Assert.AreEqual(0, reader.UsageCopy);
            Assert.AreEqual(95u, reader.RunSeconds);
        }

        [TestMethod]
        public void Usage_area_neither_blank_nor_valid_is_damaged_not_new()
        {
            byte[] raw = NewImage();
            raw[CartridgeImage.UsageAddress + 3] = 0x00;
            var reader = new CartridgeImage();
            reader.Decode(raw);
            Assert.AreEqual((int)CartridgeUsageState.Damaged, (int)reader.UsageState);
        }
    }
}
