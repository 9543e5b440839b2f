// NM28 sending: AT+IPSEND windows, AT+IPSENDEX, and the test/read forms as S3 prints them
// (conformance-cases.md section N).
#include "tests/model/nm28_transcript.h"

namespace cellemu::testing {
namespace {

TEST(Nm28Send, N007_LengthPrefixedSend) {
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSEND=1,10\r", "\r\nNETWRITE: 1,10\r\n\r\nCONNECT\r\n");
  x.t.exchange("1234567890", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  ASSERT_TRUE(x.server.wait_received(0, 10));
  EXPECT_EQ(x.server.received(0), "1234567890");
}

TEST(Nm28Send, N008_BinarySafeSend) {
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSEND=1,4\r", "\r\nNETWRITE: 1,4\r\n\r\nCONNECT\r\n");
  x.t.exchange(std::string("\x00\x1A\r\n", 4), "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  ASSERT_TRUE(x.server.wait_received(0, 4));
  EXPECT_EQ(x.server.received(0), std::string("\x00\x1A\r\n", 4));
}

TEST(Nm28Send, PayloadIsNeverEchoed) {  // [I] OQ-49
  Nm28Transcript x(Nm28Options{.echo = true});
  x.t.exchange(kOpenSocket1, std::string(kOpenSocket1) + "\r\nOK\r\n\r\n+IPOPEN: 1,0\r\n");
  x.t.exchange("AT+IPSEND=1,3\r", "AT+IPSEND=1,3\r\r\nNETWRITE: 1,3\r\n\r\nCONNECT\r\n");
  x.t.exchange("AT\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  ASSERT_TRUE(x.server.wait_received(0, 3));
  EXPECT_EQ(x.server.received(0), "AT\r");
}

TEST(Nm28Send, LineFeedOfTheCommandLineIsNotPayload) {  // v250 §1.2
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSEND=1,3\r\n", "\r\nNETWRITE: 1,3\r\n\r\nCONNECT\r\n");
  x.t.exchange("abc", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  x.t.exchange("AT+IPSEND=1,3\r", "\r\nNETWRITE: 1,3\r\n\r\nCONNECT\r\n");
  x.t.exchange("\ndef", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");  // the late '\n' too
  ASSERT_TRUE(x.server.wait_received(0, 6));
  EXPECT_EQ(x.server.received(0), "abcdef");
}

TEST(Nm28Send, FullSizeSendAndLimits) {  // S3 §2.5 0-1460, OQ-48
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSEND=1,0\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPSEND=1,1461\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPSEND=1\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPSEND=1,1460\r", "\r\nNETWRITE: 1,1460\r\n\r\nCONNECT\r\n");
  const std::string payload(1460, 'p');
  x.t.send(payload.substr(0, 1000));
  x.t.expect_quiet();
  x.t.exchange(payload.substr(1000), "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  ASSERT_TRUE(x.server.wait_received(0, 1460));
}

TEST(Nm28Send, UrcsWaitForTheSendResult) {  // OQ-6
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSEND=1,2\r", "\r\nNETWRITE: 1,2\r\n\r\nCONNECT\r\n");
  x.server.send(0, "in");
  ASSERT_TRUE(x.t.poll_until([&] { return x.t.session->at().responder().held_bytes() > 0; }));
  x.t.expect_quiet();
  x.t.exchange("ok", "\r\nSEND SUCCESS\r\n\r\nOK\r\n\r\n+IPURC: \"recv\",1,2\r\nin");
}

TEST(Nm28Send, N013_DirectModeAndHexSend) {
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSWTMD=1,1\r", "\r\nOK\r\n");
  x.t.exchange("AT+IPSENDEX=1,\"313233\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  ASSERT_TRUE(x.server.wait_received(0, 3));
  EXPECT_EQ(x.server.received(0), "123");
}

TEST(Nm28Send, HexForms) {  // [I] OQ-50, OQ-41
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSENDEX=1,00ff1A\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");  // unquoted, any case
  const std::string hex(2048, 'A');
  x.t.exchange("AT+IPSENDEX=1,\"" + hex + "\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  ASSERT_TRUE(x.server.wait_received(0, 3 + 1024));
  EXPECT_EQ(x.server.received(0), std::string("\x00\xff\x1a", 3) + std::string(1024, '\xaa'));
  x.t.exchange("AT+IPSENDEX=1,\"" + hex + "AA\"\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPSENDEX=1,\"\"\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPSENDEX=1,\"31G2\"\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPSENDEX=1\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPSENDEX=1,\"" + std::string(2400, 'A') + "\"\r", "\r\nERROR\r\n");  // OQ-4
}

TEST(Nm28Send, N015_HexSendFailureKeepsOk) {
  Nm28Transcript x;
  x.open_socket1();
  x.server.reset(0);  // the modem has not seen the RST yet when the command runs
  x.t.exchange("AT+IPSENDEX=1,\"313233\"\r",
               "\r\nSEND FAIL\r\n\r\nOK\r\n\r\n+IPURC: \"closed\",1\r\n");
}

TEST(Nm28Send, N016_InvalidHex) {  // [I] OQ-50
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSENDEX=1,\"31323\"\r", "\r\nERROR\r\n");
}

TEST(Nm28Send, N033_SendOnASocketThatIsNotOpen) {  // [I] nm28.md §3.5, OQ-8
  Nm28Transcript x;
  x.t.exchange("AT+IPSEND=3,10\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPSENDEX=3,\"31\"\r", "\r\nERROR\r\n");
  x.t.exchange("AT+CMEE=1\r", "\r\nOK\r\n");
  x.t.exchange("AT+IPSEND=3,10\r", "\r\nERROR\r\n");
}

TEST(Nm28Send, ClosedSocketCannotSend) {
  Nm28Transcript x;
  x.open_socket1();
  x.server.close(0);
  x.t.expect("\r\n+IPURC: \"closed\",1\r\n");
  x.t.exchange("AT+IPSEND=1,1\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPSENDEX=1,\"31\"\r", "\r\nERROR\r\n");
}

TEST(Nm28Send, PeerGoneDuringTheWindowFails) {
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSEND=1,2\r", "\r\nNETWRITE: 1,2\r\n\r\nCONNECT\r\n");
  x.server.close(0);
  ASSERT_TRUE(x.t.poll_until(
      [&] { return x.model().socket(1)->state() == models::nm28::SocketState::Closing; }));
  x.t.exchange("xy", "\r\nSEND FAIL\r\n\r\nOK\r\n\r\n+IPURC: \"closed\",1\r\n");
}

TEST(Nm28Send, N035_SpaceBeforeEqualsTolerated) {  // [I] OQ-51
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSENDEX =1,\"313233\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  x.t.exchange("AT+IPSENDEX = 1 , \"34\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  ASSERT_TRUE(x.server.wait_received(0, 4));
  EXPECT_EQ(x.server.received(0), "1234");
}

TEST(Nm28Send, N031_TestCommandsAsPrinted) {
  Nm28Transcript x;
  x.t.exchange("AT+IPSEND=?\r", "\r\n+IPSEND:(0-7),(0-1460)\r\n\r\nOK\r\n");
  x.t.exchange("AT+IPRD=?\r", "\r\n+IPRD: (0-7),(0-1500)\r\n\r\nOK\r\n");
  x.t.exchange("AT+IPSENDEX=?\r", "\r\n+IPSENDEX:(0-7),(hexstring)\r\n\r\nOK\r\n");
  x.t.exchange("AT+SSLCFG=?\r", "\r\n+SSLCFG:(params_name),(sslctxID),(value)\r\n\r\nOK\r\n");
  x.t.exchange("AT+IPDNSR=?\r", "\r\n+IPDNSR:<Address>\r\n\r\nOK\r\n");
}

TEST(Nm28Send, N032_ReadCommandsAreEmpty) {
  Nm28Transcript x;
  x.t.exchange("AT+IPSWTMD?\r", "\r\nOK\r\n");
  x.t.exchange("AT+IPSEND?\r", "\r\nOK\r\n");
  x.t.exchange("AT+IPRD?\r", "\r\nOK\r\n");
  x.t.exchange("AT+IPSENDEX?\r", "\r\nOK\r\n");
}

}  // namespace
}  // namespace cellemu::testing
