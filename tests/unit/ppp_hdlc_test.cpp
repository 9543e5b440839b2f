#include <gtest/gtest.h>

#include "tests/unit/ppp_test_peer.h"

namespace cellemu::net::ppp {
namespace {
using testing::hex;

std::vector<std::string> decode_all(HdlcDecoder& d, std::string_view bytes) {
  std::vector<std::string> frames;
  d.feed(bytes, [&](std::string_view f) { frames.emplace_back(f); });
  return frames;
}

TEST(PppHdlc, Fcs16MatchesTheRfc1662CheckValues) {
  // CRC-16/X-25 (RFC 1662 FCS-16) check value of "123456789".
  EXPECT_EQ(static_cast<std::uint16_t>(~fcs16(kFcsInit, "123456789")), 0x906E);
  // A frame followed by its FCS (least significant octet first) ends on the good value.
  const std::string body = hex("FF03C021");
  const auto fcs = static_cast<std::uint16_t>(~fcs16(kFcsInit, body));
  std::string with_fcs = body;
  with_fcs.push_back(static_cast<char>(fcs & 0xFF));
  with_fcs.push_back(static_cast<char>(fcs >> 8));
  EXPECT_EQ(fcs16(kFcsInit, with_fcs), kFcsGood);
}

TEST(PppHdlc, EncodesTheSpecLcpRequestByteForByte) {
  // services.md §6.3: the module's Configure-Request with magic 0x12345678, default ACCM.
  const std::string request = hex("01 01 0014 02060000 0000 0506 12345678 0702 0802");
  std::string out;
  HdlcEncoder().encode(kProtoLcp, request, out);
  EXPECT_EQ(core::to_hex(out),
            "7EFF7D23C0217D217D217D207D347D227D267D207D207D207D207D257D267D323456787D277D227D"
            "287D224CEF7E");
}

TEST(PppHdlc, CompressesAddressControlAndProtocolOnlyWhenAgreedAndNeverForLcp) {
  HdlcEncoder e;
  e.set_options({.accm = 0, .acfc = true, .pfc = true});
  std::string ip;
  e.encode(kProtoIpv4, "AB", ip);
  EXPECT_EQ(ip.substr(0, 4), hex("7E 21 41 42"));
  std::string lcp;
  e.encode(kProtoLcp, hex("09010008"), lcp);
  EXPECT_EQ(lcp.substr(0, 5), hex("7E FF 03 C0 21"));
  std::string ipcp;  // two-octet protocols stay two octets
  e.encode(kProtoIpcp, hex("01"), ipcp);
  EXPECT_EQ(ipcp.substr(0, 3), hex("7E 80 21"));
}

TEST(PppHdlc, EscapesFlagEscapeAndAccmCharactersOnly) {
  HdlcEncoder e;
  e.set_options({.accm = 0x000A0000, .acfc = true, .pfc = true});  // XON 0x11, XOFF 0x13
  std::string out;
  e.encode(kProtoIpv4, hex("7E 7D 11 13 01 20"), out);
  EXPECT_EQ(out.substr(0, 12), hex("7E 21 7D5E 7D5D 7D31 7D33 01 20"));
}

TEST(PppHdlc, DecoderRoundTripsAtEveryReadBoundary) {
  HdlcEncoder e;
  std::string stream;
  e.encode(kProtoLcp, hex("0901000800000000"), stream);
  e.encode(kProtoIpv4, std::string(300, '\x7E'), stream);
  for (std::size_t step = 1; step < 8; ++step) {
    HdlcDecoder d(1600);
    std::vector<std::string> frames;
    for (std::size_t i = 0; i < stream.size(); i += step) {
      d.feed(std::string_view(stream).substr(i, step),
             [&](std::string_view f) { frames.emplace_back(f); });
    }
    ASSERT_EQ(frames.size(), 2u) << step;
    EXPECT_EQ(frames[0], hex("FF03C021") + hex("0901000800000000"));
    EXPECT_EQ(frames[1], hex("FF030021") + std::string(300, '\x7E'));
  }
}

TEST(PppHdlc, ResynchronisesAfterGarbageBadFcsAbortAndOversizedFrames) {
  HdlcDecoder d(64);
  std::string good;
  HdlcEncoder().encode(kProtoLcp, hex("0A010008DEADBEEF"), good);
  std::string bad_fcs = good;
  bad_fcs[bad_fcs.size() - 3] ^= 0x01;
  const std::string aborted = hex("7E FF 7D23 C0 7D 7E");
  const std::string oversized = "\x7E" + std::string(500, 'x') + "\x7E";
  const auto frames = decode_all(d, "AT\r\nATD*99#\r\n" + bad_fcs + aborted + oversized + good);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0], hex("FF03C021 0A010008DEADBEEF"));
  EXPECT_EQ(d.counters().bad_fcs, 2u);  // the AT text before the first flag, and bad_fcs
  EXPECT_EQ(d.counters().aborted, 1u);
  EXPECT_EQ(d.counters().too_long, 1u);
}

TEST(PppHdlc, ControlCharactersInTheReceiveAccmAreRemoved) {
  std::string frame;
  HdlcEncoder().encode(kProtoLcp, hex("0A010008DEADBEEF"), frame);
  std::string noisy = frame.substr(0, 3) + "\x11\x13" + frame.substr(3);  // XON/XOFF from a DCE
  HdlcDecoder d(1600);
  EXPECT_EQ(decode_all(d, noisy).size(), 1u);
  d.set_rx_accm(0);  // once we asked for ACCM 0, raw control characters are data
  EXPECT_EQ(decode_all(d, noisy).size(), 0u);
  EXPECT_EQ(d.counters().bad_fcs, 1u);
}

TEST(PppHdlc, FrameParserHandlesCompressedAndFullHeaders) {
  // A frame's info is a view into the bytes parsed: they must outlive it.
  const std::string full = hex("FF03 0021 45");
  const std::string compressed = hex("21 45");
  const std::string ipcp = hex("8021 01");
  auto f = PppFrame::parse(full);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->protocol, kProtoIpv4);
  EXPECT_EQ(f->info, hex("45"));
  f = PppFrame::parse(compressed);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->protocol, kProtoIpv4);
  f = PppFrame::parse(ipcp);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->protocol, kProtoIpcp);
  EXPECT_FALSE(PppFrame::parse(hex("FF05 0021")));  // bad control field
  EXPECT_FALSE(PppFrame::parse(hex("0020 00")));    // protocol with an even low octet
}

TEST(PppHdlc, ControlPacketsAndOptionsRejectMalformedLengths) {
  EXPECT_FALSE(ControlPacket::parse(hex("010100")));
  EXPECT_FALSE(ControlPacket::parse(hex("01010009 0000")));  // length past the data
  const std::string padded = hex("01010006 0102 FFFF");
  const auto p = ControlPacket::parse(padded);  // padding ignored
  ASSERT_TRUE(p);
  EXPECT_EQ(p->data, hex("0102"));
  EXPECT_FALSE(parse_options(hex("0201")));
  EXPECT_FALSE(parse_options(hex("020600")));
  const std::string list = hex("0702 0506 12345678");
  const auto options = parse_options(list);
  ASSERT_TRUE(options);
  ASSERT_EQ(options->size(), 2u);
  EXPECT_EQ((*options)[1].data, hex("12345678"));
}

}  // namespace
}  // namespace cellemu::net::ppp
