// GSM 7-bit alphabet, septet packing, UCS2/UTF-8 and timestamps (3GPP TS 23.038, 23.040).
#include <gtest/gtest.h>

#include "emulator/sms/gsm_alphabet.h"
#include "emulator/sms/septet_packing.h"
#include "emulator/sms/timestamp.h"
#include "emulator/sms/unicode_text.h"

namespace cellemu::sms {
namespace {

TEST(SmsAlphabet, DefaultTableRoundTrips) {
  for (std::uint8_t code = 0; code < 128; ++code) {
    if (code == GsmAlphabet::kEscape) continue;
    const Octets one{code};
    const std::u32string c = GsmAlphabet::decode(one);
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(GsmAlphabet::encode(c), one) << int(code);
  }
  EXPECT_EQ(GsmAlphabet::decode(Octets{0x00, 0x01, 0x02, 0x10, 0x7F}), U"@£$Δà");
}

TEST(SmsAlphabet, ExtensionTable) {
  const auto septets = GsmAlphabet::encode(U"^{}\\[~]|€\f");
  ASSERT_TRUE(septets);
  EXPECT_EQ(to_hex(*septets), "1B141B281B291B2F1B3C1B3D1B3E1B401B651B0A");
  EXPECT_EQ(GsmAlphabet::decode(*septets), U"^{}\\[~]|€\f");
  EXPECT_EQ(GsmAlphabet::septet_length(U"a€"), 3u);
  // Unknown extension codes show the default character; a lone trailing escape a space.
  EXPECT_EQ(GsmAlphabet::decode(Octets{0x1B, 0x41, 0x42, 0x1B}), U"AB ");
}

TEST(SmsAlphabet, CharactersOutsideTheAlphabet) {
  EXPECT_FALSE(GsmAlphabet::encode(U"back`tick"));
  EXPECT_FALSE(GsmAlphabet::encode(U"你"));
  EXPECT_FALSE(GsmAlphabet::septet_length(U"\t"));
  EXPECT_EQ(GsmAlphabet::septets_for(U'é'), 1);
  EXPECT_EQ(GsmAlphabet::septets_for(U'ê'), 0);
}

TEST(SmsPacking, HelloAndFillBits) {
  const Octets hello{'H', 'e', 'l', 'l', 'o'};
  EXPECT_EQ(to_hex(pack_septets(hello)), "C8329BFD06");
  EXPECT_EQ(unpack_septets(from_hex("C8329BFD06").value(), 5), hello);
  // "Part one, " after a 6-octet UDH: one fill bit (spec §2.15 C1).
  const Octets part{'P', 'a', 'r', 't', ' ', 'o', 'n', 'e', ',', ' '};
  EXPECT_EQ(to_hex(pack_septets(part, 1)), "A061391DF476975920");
  EXPECT_EQ(unpack_septets(from_hex("A061391DF476975920").value(), 10, 1), part);
  EXPECT_FALSE(unpack_septets(from_hex("C8329BFD").value(), 5));
}

TEST(SmsPacking, EveryFillAndLength) {
  Octets septets;
  for (int i = 0; i < 40; ++i) septets.push_back(static_cast<std::uint8_t>((i * 37 + 11) & 0x7F));
  for (int fill = 0; fill < 7; ++fill) {
    for (std::size_t n = 0; n <= septets.size(); ++n) {
      const OctetView s = OctetView(septets).first(n);
      const Octets packed = pack_septets(s, fill);
      ASSERT_EQ(packed.size(), packed_size(n, fill));
      EXPECT_EQ(unpack_septets(packed, n, fill), Octets(s.begin(), s.end()));
    }
  }
}

TEST(SmsUnicode, Utf8AndUcs2) {
  EXPECT_EQ(utf8_to_u32("a你😀"), U"a你😀");
  EXPECT_EQ(u32_to_utf8(U"a你😀"), "a你😀");
  EXPECT_EQ(utf8_to_u32("\xC3\x28"), U"\uFFFD(");       // broken sequence
  EXPECT_EQ(utf8_to_u32("\xC0\xAF"), U"\uFFFD\uFFFD");  // overlong
  EXPECT_EQ(to_hex(u32_to_ucs2(U"你好😀")), "4F60597DD83DDE00");
  EXPECT_EQ(ucs2_to_u32(from_hex("4F60597DD83DDE00").value()), U"你好😀");
  EXPECT_EQ(ucs2_to_u32(from_hex("DE00D83D00").value()), U"\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(ucs2_units(U"a😀"), 3u);
}

TEST(SmsTimestamp, TextFormAndUtc) {
  const auto t = Timestamp::parse("24/07/23,16:35:01+32");
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, (Timestamp{24, 7, 23, 16, 35, 1, 32}));
  EXPECT_EQ(t->text(), "24/07/23,16:35:01+32");
  // +NITZ says UTC 08:35:01 with zone +32; local 16:35:01.
  const auto utc = t->to_utc();
  EXPECT_EQ(Timestamp::from_utc(utc, 0).text(), "24/07/23,08:35:01+00");
  EXPECT_EQ(Timestamp::from_utc(utc, -20).text(), "24/07/23,03:35:01-20");
  EXPECT_EQ(Timestamp::from_utc(Timestamp{}.to_utc(), 0).text(), "70/01/01,00:00:00+00");
  EXPECT_EQ(Timestamp{}.to_utc().time_since_epoch().count(), 0);
}

TEST(SmsTimestamp, ParseIsStrict) {
  for (const char* bad :
       {"24/02/30,00:00:00+00", "23/02/29,00:00:00+00", "24/13/01,00:00:00+00",
        "24/01/01,24:00:00+00", "24/01/01,00:00:00+49", "24/01/01,00:00:00", "24/01/01 00:00:00+00",
        "2024/01/01,00:00:00+00", "24/1/01,00:00:00+00"}) {
    EXPECT_FALSE(Timestamp::parse(bad)) << bad;
  }
  EXPECT_TRUE(Timestamp::parse("24/02/29,23:59:59-48"));
  EXPECT_TRUE(Timestamp::parse("24/01/01,00:00:00+60", 79));
}

TEST(SmsTimestamp, SemiOctets) {
  Octets out;
  encode_timestamp(out, Timestamp{24, 7, 23, 16, 35, 1, 32});
  EXPECT_EQ(to_hex(out), "42703261531023");
  OctetReader in(out);
  EXPECT_EQ(decode_timestamp(in)->zone, 32);
  out.clear();
  encode_timestamp(out, Timestamp{24, 7, 23, 16, 35, 1, -4});
  EXPECT_EQ(to_hex(out).substr(12), "48");
  OctetReader neg(out);
  EXPECT_EQ(decode_timestamp(neg)->zone, -4);
}

}  // namespace
}  // namespace cellemu::sms
