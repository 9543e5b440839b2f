// AT+CMUX and 27.010 framing on both models: the P-017...P-020 cases of services-cases.md with
// their exact frames.
#include <gtest/gtest.h>

#include "models/common/dialup.h"
#include "tests/model/dialup_transcript.h"

namespace cellemu::testing {
namespace {

class DialupCmux : public ::testing::TestWithParam<const char*> {
 protected:
  DialupCmux() : d(TranscriptOptions{.model = GetParam()}) {}
  // P-017: AT+CMUX=0, then DLCI 0, 1 and 2 opened.
  void enter() {
    d.t.exchange("AT+CMUX=0\r", "\r\nOK\r\n");
    d.t.exchange(hex("F9 03 3F 01 1C F9"), hex("F9 03 73 01 D7 F9"));
    d.t.exchange(hex("F9 07 3F 01 DE F9"), hex("F9 07 73 01 15 F9"));
    d.t.exchange(hex("F9 0B 3F 01 59 F9"), hex("F9 0B 73 01 92 F9"));
  }
  DialupTranscript d;
};

TEST_P(DialupCmux, P017_EnterCmuxTheEspModemWay) {
  enter();
  d.t.exchange(hex("F9 17 3F 01 54 F9"), hex("F9 17 1F 01 7E F9"));  // DLCI 5: DM
}

TEST_P(DialupCmux, P018_CmuxParameters) {
  d.t.exchange("AT+CMEE=1\r", "\r\nOK\r\n");
  d.t.exchange(
      "AT+CMUX=?\r",
      "\r\n+CMUX: (0),(0),(1-8),(1-1509),(1-255),(0-100),(2-255),(1-255),(1-7)\r\n\r\nOK\r\n");
  d.t.exchange("AT+CMUX?\r", "\r\n+CMUX: 0,0,5,127,10,3,30,10,2\r\n\r\nOK\r\n");
  d.t.exchange("AT+CMUX=1\r", "\r\n+CME ERROR: 4\r\n");
  d.t.exchange("AT+CMUX=0,0,5,1510\r", "\r\n+CME ERROR: 50\r\n");
}

TEST_P(DialupCmux, P019_AtOnDlci2AndDialOnDlci1) {
  enter();
  d.t.exchange(hex("F9 09 EF 07 41 54 0D 35 F9"), hex("F9 09 EF 0D 0D 0A 4F 4B 0D 0A D8 F9"));
  d.t.send(hex("F9 05 EF 11 41 54 44 2A 39 39 23 0D 4A F9"));
  const std::string out = d.t.take();
  const std::string connect = hex("F9 05 EF 17 0D 0A 43 4F 4E 4E 45 43 54 0D 0A AE F9");
  ASSERT_GT(out.size(), connect.size());
  EXPECT_TRUE(same_bytes(out.substr(0, connect.size()), connect));
  EXPECT_EQ(out.substr(connect.size(), 3), hex("F9 05 EF"));  // PPP follows on DLCI 1
  // DLCI 2 still answers while DLCI 1 is in data mode.
  d.t.exchange(hex("F9 09 EF 07 41 54 0D 35 F9"), hex("F9 09 EF 0D 0D 0A 4F 4B 0D 0A D8 F9"));
  // DISC 1 ends the call as a DTR drop would: no NO CARRIER, the channel is gone.
  d.t.exchange(hex("F9 07 53 01 3F F9"), hex("F9 07 73 01 15 F9"));
  EXPECT_EQ(d.t.model().dialup().call(), nullptr);
}

TEST_P(DialupCmux, P020_LeaveCmuxTheEspModemWay) {
  enter();
  d.t.exchange(hex("F9 07 53 01 3F F9"), hex("F9 07 73 01 15 F9"));
  d.t.exchange(hex("F9 0B 53 01 B8 F9"), hex("F9 0B 73 01 92 F9"));
  d.t.exchange(hex("F9 03 EF 05 C3 01 F2 F9"), hex("F9 03 EF 05 C1 01 F2 F9"));
  d.t.exchange("AT\r", "\r\nOK\r\n");         // a plain AT port again
  d.t.exchange("AT+CMUX=0\r", "\r\nOK\r\n");  // and it may multiplex again
  d.t.exchange(hex("F9 03 3F 01 1C F9"), hex("F9 03 73 01 D7 F9"));
}

// Each DLCI starts from the port's settings at AT+CMUX (E0 here) and keeps its own.
TEST_P(DialupCmux, EachDlciKeepsItsOwnSettings) {
  enter();
  d.t.exchange(hex("F9 09 EF 0B 41 54 45 31 0D 3C F9"),  // "ATE1\r" on DLCI 2
               hex("F9 09 EF 0D 0D 0A 4F 4B 0D 0A D8 F9"));
  d.t.exchange(hex("F9 05 EF 07 41 54 0D B2 F9"),  // "AT\r" on DLCI 1: still no echo
               hex("F9 05 EF 0D 0D 0A 4F 4B 0D 0A 5F F9"));
  d.t.exchange(hex("F9 09 EF 07 41 54 0D 35 F9"),  // "AT\r" on DLCI 2: echoed
               hex("F9 09 EF 07 41 54 0D 35 F9 F9 09 EF 0D 0D 0A 4F 4B 0D 0A D8 F9"));
}

INSTANTIATE_TEST_SUITE_P(BothModels, DialupCmux, ::testing::Values("air780ep", "nm28"));

}  // namespace
}  // namespace cellemu::testing
