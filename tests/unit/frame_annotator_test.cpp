// The serial trace's decoding of binary frames (issue 18: "the trace shows frames decoded per
// DLCI"): CMUX frames per DLCI and PPP frames summarised, on the line or inside a DLCI.
#include <gtest/gtest.h>

#include "emulator/app/frame_annotator.h"
#include "emulator/port/cmux_frame.h"
#include "net/ppp/hdlc_encoder.h"
#include "net/ppp/ip_packet.h"
#include "net/ppp/ppp_frame_summary.h"
#include "tests/unit/ppp_test_peer.h"

namespace cellemu::port {
namespace {
using app::FrameAnnotator;
using testing::hex;
using Lines = std::vector<std::string>;

// services.md §6.3's illustrative Configure-Request (magic 0x12345678, every control escaped).
const std::string kSpecLcpRequest =
    hex("7E FF 7D 23 C0 21 7D 21 7D 21 7D 20 7D 34 7D 22 7D 26 7D 20 7D 20 7D 20 7D 20 7D 25 7D 26 "
        "7D 32 34 56 78 7D 27 7D 22 7D 28 7D 22 4C EF 7E");

TEST(FrameAnnotator, PlainAtTextSaysNothing) {
  FrameAnnotator a;
  EXPECT_EQ(a.feed("AT+CSQ\r"), Lines{});
  EXPECT_EQ(a.feed("\r\n+CSQ: 23,0\r\n\r\nOK\r\n"), Lines{});
}

TEST(FrameAnnotator, PppOnTheLineEvenSplitAcrossEntries) {
  FrameAnnotator a;
  EXPECT_EQ(a.feed("\r\nCONNECT\r\n" + kSpecLcpRequest.substr(0, 10)), Lines{});
  EXPECT_EQ(a.feed(kSpecLcpRequest.substr(10)),
            Lines{"PPP LCP Configure-Request id=1 [accm=00000000 magic=12345678 pfc acfc]"});
}

TEST(FrameAnnotator, CmuxFramesPerDlciWithDlci0MessagesAndText) {
  FrameAnnotator a;
  // services-cases P-017, P-019, P-020 bytes.
  EXPECT_EQ(a.feed(hex("F9 03 3F 01 1C F9 F9 0B 3F 01 59 F9")),
            (Lines{"CMUX DLCI 0 SABM P/F", "CMUX DLCI 2 SABM P/F"}));
  EXPECT_EQ(a.feed(hex("F9 09 EF 07 41 54 0D 35 F9")), Lines{"CMUX DLCI 2 UIH \"AT\\r\""});
  EXPECT_EQ(a.feed(hex("F9 03 EF 05 C3 01 F2 F9")), Lines{"CMUX DLCI 0 UIH CLD command"});
  EXPECT_EQ(a.feed("AT\r"), Lines{});  // plain AT again
}

TEST(FrameAnnotator, PppInsideADlciIsSummarisedOnceAcrossUihFrames) {
  FrameAnnotator a;
  std::string line;
  encode_cmux(CmuxFrame{1, false, CmuxType::Uih, false, "\r\nCONNECT\r\n"}, line);
  encode_cmux(CmuxFrame{1, false, CmuxType::Uih, false, kSpecLcpRequest.substr(0, 20)}, line);
  encode_cmux(CmuxFrame{1, false, CmuxType::Uih, false, kSpecLcpRequest.substr(20)}, line);
  EXPECT_EQ(a.feed(line), (Lines{"CMUX DLCI 1 UIH \"\\r\\nCONNECT\\r\\n\"",
                                 "CMUX DLCI 1 UIH 20 bytes (part of a PPP frame)",
                                 "CMUX DLCI 1 UIH PPP LCP Configure-Request id=1 [accm=00000000 "
                                 "magic=12345678 pfc acfc]"}));
}

TEST(PppFrameSummary, IpcpAndIpv4) {
  using net::ppp::ppp_frame_summary;
  EXPECT_EQ(ppp_frame_summary(hex("80 21 03 02 00 16 03 06 0A 4A 95 30 81 06 D3 88 70 32 83 06 "
                                  "D3 88 96 42")),
            "IPCP Configure-Nak id=2 [addr=10.74.149.48 dns1=211.136.112.50 "
            "dns2=211.136.150.66]");
  EXPECT_EQ(ppp_frame_summary(hex("FF 03 C0 21 05 09 00 04")), "LCP Terminate-Request id=9");
  const auto syn =
      net::ppp::IpPacket::tcp(0x0A4A9530, 40000, 0x7F000001, 8080, 1, 0, net::ppp::kTcpSyn);
  EXPECT_EQ(ppp_frame_summary("\x21" + syn.bytes()),  // PFC: one protocol octet
            "IPv4 TCP 10.74.149.48:40000 > 127.0.0.1:8080 [S] len=0");
}

}  // namespace
}  // namespace cellemu::port
