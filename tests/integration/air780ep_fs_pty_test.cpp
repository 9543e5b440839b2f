// The module file system through the real pty: a host that closes the port in the middle of an
// AT+FSWRITE prompt and comes back finds the prompt still waiting for the rest of its bytes, as
// the UART of a real module would (the file is written once, whole, or not at all).
#include "tests/integration/air780ep_pty_util.h"

namespace cellemu::testing::air780ep_pty {
namespace {

TEST(Air780epFsPty, HostClosesThePortMidFsWrite) {
  EmulatorProcess emu(emulator_args({}));
  ASSERT_TRUE(emu.started());
  {
    PtyClient host(emu.pty());
    read_power_up(host);
    host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
    host.exchange("AT+FSCREATE=\"cert.pem\"\r", "\r\nOK\r\n");
    host.exchange("AT+FSWRITE=\"cert.pem\",0,10,10\r", "\r\n>");
    host.send("12345");
  }  // closed with 5 of the 10 bytes sent
  {
    PtyClient host(emu.pty());  // back again: the prompt takes the other 5
    host.exchange("67890", "\r\nOK\r\n");
    host.exchange("AT+FSREAD=\"cert.pem\",0,10,10\r", "\r\n1234567890\r\nOK\r\n");
  }
  EXPECT_TRUE(emu.running());
}

}  // namespace
}  // namespace cellemu::testing::air780ep_pty
