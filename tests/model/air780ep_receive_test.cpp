// Conformance cases of section F (receiving) of ../shared/spec/conformance-cases.md: push framing,
// pull mode, and the 1460-byte chunks and backpressure of air780ep.md §4.11-§4.12.
#include <cctype>
#include <optional>

#include "tests/model/air780ep_test_util.h"

namespace cellemu::testing::air780ep_test {
namespace {

TEST(Air780epReceive, F001_SingleLinkNoHeaderCiprxfOne) {  // [I] OQ-31, OQ-13
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  t.exchange("AT+CIPRXF=1\r", "\r\nOK\r\n");
  server.send(0, "TEST");
  t.expect("TEST");
}

TEST(Air780epReceive, F002_SingleLinkCiprxfDefaultZero) {  // [I] OQ-13
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  server.send(0, "TEST");
  t.expect("TEST\r\n");
}

TEST(Air780epReceive, F003_IpdHeader) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  t.exchange("AT+CIPRXF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPHEAD=1\r", "\r\nOK\r\n");
  server.send(0, "TEST");
  t.expect("\r\n+IPD,4:TEST");
}

TEST(Air780epReceive, F004_IpdWithProtocol) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  t.exchange("AT+CIPRXF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPHEAD=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSHOWTP=1\r", "\r\nOK\r\n");
  server.send(0, "TEST");
  t.expect("\r\n+IPD,4,TCP:TEST");
}

TEST(Air780epReceive, F005_SenderAddress) {  // [I] OQ-30
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT+CIPRXF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPHEAD=1\r", "\r\nOK\r\n");
  bring_up(t);
  t.exchange("AT+CIPSTART=\"TCP\",\"60.166.12.210\",7500\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  await_connections(t, server, 1);
  t.exchange("AT+CIPSRIP=1\r", "\r\nOK\r\n");
  server.send(0, "TEST");
  t.expect("\r\nRECV FROM:60.166.12.210:7500\r\n+IPD,4:TEST");
  t.exchange("AT+CIPHEAD=0\r", "\r\nOK\r\n");
  server.send(0, "TEST");
  t.expect("\r\nRECV FROM:60.166.12.210:7500\r\nTEST");
}

TEST(Air780epReceive, F006_MultiLinkPush) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {0});
  t.exchange("AT+CIPRXF=1\r", "\r\nOK\r\n");
  server.send(0, "TEST123");
  t.expect("\r\n+RECEIVE,0,7:\r\nTEST123");
  t.exchange("AT+CIPHEAD=1\r", "\r\nOK\r\n");  // no effect in multi mode
  t.exchange("AT+CIPRXF=0\r", "\r\nOK\r\n");
  server.send(0, "TEST123");
  t.expect("\r\n+RECEIVE,0,7:\r\nTEST123\r\n");
}

TEST(Air780epReceive, F007_MultiLinkPushUdp) {
  UdpServer server;
  Transcript t(options({{{"60.166.12.210:7500", server.port()}}}));
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  bring_up(t);
  t.exchange("AT+CIPSTART=1,\"UDP\",\"60.166.12.210\",7500\r", "\r\nOK\r\n\r\n1, CONNECT OK\r\n");
  t.exchange("AT+CIPRXF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSEND=1,2\r", "\r\n> ");
  t.exchange("hi", "\r\n1, SEND OK\r\n");
  ASSERT_TRUE(t.poll_until([&] { return server.datagrams().size() == 1; }));
  server.send_to_last("TEST123456");
  t.expect("\r\n+RECEIVE,1,10:\r\nTEST123456");
}

TEST(Air780epReceive, F008_PeerCloseSingle) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  server.close(0);
  t.expect("\r\nCLOSED\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n");
  t.exchange("AT+CIPSEND\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPCLOSE\r", "\r\n+CME ERROR: 3\r\n");
  connect_single(t, server, 1);  // CLOSED --CIPSTART--> CONNECTING
}

TEST(Air780epReceive, F008_PeerResetIsClosedToo) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  server.reset(0);
  t.expect("\r\nCLOSED\r\n");
}

TEST(Air780epReceive, F009_PeerCloseMulti) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {0});
  server.close(0);
  t.expect("\r\n0, CLOSED\r\n");
}

TEST(Air780epReceive, F009_DataBeforeTheCloseComesFirst) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {0});
  server.send(0, "bye");
  server.close(0);
  t.expect("\r\n+RECEIVE,0,3:\r\nbye\r\n\r\n0, CLOSED\r\n");
}

TEST(Air780epReceive, F010_PullModeNotificationAndReadMulti) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=1\r", "\r\nOK\r\n");
  bring_up(t);
  connect_multi(t, server, 3, 0);
  server.send(0, "AAAAA");
  t.expect("\r\n+CIPRXGET: 1,3\r\n");
  t.exchange("AT+CIPRXGET=2,3,10\r", "\r\n+CIPRXGET: 2,3,5,0\r\nAAAAA\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=4,3\r", "\r\n+CIPRXGET: 4,3,0\r\n\r\nOK\r\n");
}

TEST(Air780epReceive, F011_PullModeSingleLinkText) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT+CIPRXGET=1\r", "\r\nOK\r\n");
  connected_single(t, server, 0);
  server.send(0, "1234567890");
  t.expect("\r\n+CIPRXGET: 1\r\n");
  t.exchange("AT+CIPRXGET=2,150\r", "\r\n+CIPRXGET: 2,10,0\r\n1234567890\r\nOK\r\n");
}

TEST(Air780epReceive, F012_PullModeSingleLinkHex) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT+CIPRXGET=1\r", "\r\nOK\r\n");
  connected_single(t, server, 0);
  server.send(0, "HELLO");
  t.expect("\r\n+CIPRXGET: 1\r\n");
  t.exchange("AT+CIPRXGET=3,150\r", "\r\n+CIPRXGET: 3,5,0\r\n48454C4C4F\r\nOK\r\n");
}

TEST(Air780epReceive, F013_ModeOneNotifiesOnceUntilRead) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=1\r", "\r\nOK\r\n");
  bring_up(t);
  connect_multi(t, server, 0, 0);
  auto& slot = model(t).stack().slot(0);
  server.send(0, "ab");
  t.expect("\r\n+CIPRXGET: 1,0\r\n");
  server.send(0, "cd");
  ASSERT_TRUE(t.poll_until([&] { return slot.buffered() == 4; }));
  t.expect_quiet();
  t.exchange("AT+CIPRXGET=2,0,10\r", "\r\n+CIPRXGET: 2,0,4,0\r\nabcd\r\nOK\r\n");
  server.send(0, "ef");
  t.expect("\r\n+CIPRXGET: 1,0\r\n");
}

TEST(Air780epReceive, F014_ModeFiveNotifiesEveryArrival) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {0});
  t.exchange("AT+CIPRXGET=5\r", "\r\nOK\r\n");
  auto& slot = model(t).stack().slot(0);
  server.send(0, "ab");
  t.expect("\r\n+CIPRXGET: 1,0\r\n");
  ASSERT_TRUE(t.poll_until([&] { return slot.buffered() == 2; }));
  server.send(0, "cd");
  t.expect("\r\n+CIPRXGET: 1,0\r\n");
}

TEST(Air780epReceive, F015_PartialReadLeavesRemainder) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=1\r", "\r\nOK\r\n");
  bring_up(t);
  connect_multi(t, server, 0, 0);
  std::string data;
  for (int i = 0; i < 341; ++i) data += static_cast<char>('a' + i % 26);
  server.send(0, data);
  t.expect("\r\n+CIPRXGET: 1,0\r\n");
  ASSERT_TRUE(t.poll_until([&] { return model(t).stack().slot(0).buffered() == 341; }));
  t.exchange("AT+CIPRXGET=4,0\r", "\r\n+CIPRXGET: 4,0,341\r\n\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=2,0,300\r",
             "\r\n+CIPRXGET: 2,0,300,41\r\n" + data.substr(0, 300) + "\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=2,0,300\r",
             "\r\n+CIPRXGET: 2,0,41,0\r\n" + data.substr(300) + "\r\nOK\r\n");
}

TEST(Air780epReceive, F016_HexReadLimit) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {0});
  t.exchange("AT+CIPRXGET=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=3,0,750\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPRXGET=3,0,730\r", "\r\n+CIPRXGET: 3,0,0,0\r\n\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=2,0,1461\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epReceive, F017_EmptyRead) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=1\r", "\r\nOK\r\n");
  bring_up(t);
  connect_multi(t, server, 0, 0);
  t.exchange("AT+CIPRXGET=2,0,100\r", "\r\n+CIPRXGET: 2,0,0,0\r\n\r\nOK\r\n");
}

TEST(Air780epReceive, F018_BufferedDataSurvivesThePeerClose) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=1\r", "\r\nOK\r\n");
  bring_up(t);
  connect_multi(t, server, 0, 0);
  const std::string data = "twenty bytes of data";
  server.send(0, data);
  server.close(0);
  t.expect("\r\n+CIPRXGET: 1,0\r\n\r\n0, CLOSED\r\n");
  t.exchange("AT+CIPRXGET=4,0\r", "\r\n+CIPRXGET: 4,0,20\r\n\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=2,0,100\r", "\r\n+CIPRXGET: 2,0,20,0\r\n" + data + "\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=2,0,100\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPRXGET=4,0\r", "\r\n+CIPRXGET: 4,0,0\r\n\r\nOK\r\n");
}

TEST(Air780epReceive, CiprxgetForms) {
  Transcript t(options());
  t.exchange("AT+CIPRXGET?\r", "\r\n+CIPRXGET: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=?\r", "\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=5\r", "\r\nOK\r\n");
  t.exchange("AT+CIPRXGET?\r", "\r\n+CIPRXGET: 5\r\n\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=6\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPRXGET=2,0\r", "\r\n+CME ERROR: 3\r\n");  // no link
  t.exchange("AT+CIPRXGET=4\r", "\r\n+CIPRXGET: 4,0\r\n\r\nOK\r\n");
}

TEST(Air780epReceive, UdpSenderOnPullLinesKnob) {  // OQ-60 knob ciprxget_sender
  UdpServer server;
  Transcript t(options({{{"60.166.12.210:7500", server.port()}}},
                       [](models::Profile& p) { p.ciprxget_sender = true; }));
  t.exchange("AT+CIPRXGET=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSRIP=1\r", "\r\nOK\r\n");
  bring_up(t);
  t.exchange("AT+CIPSTART=\"UDP\",\"60.166.12.210\",7500\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  t.exchange("AT+CIPSEND=1\r", "\r\n> ");
  t.exchange("x", "\r\nSEND OK\r\n");
  ASSERT_TRUE(t.poll_until([&] { return server.datagrams().size() == 1; }));
  server.send_to_last("abc");
  t.expect("\r\n+CIPRXGET: 1,\"60.166.12.210:7500\"\r\n");
  t.exchange("AT+CIPRXGET=2,10\r", "\r\n+CIPRXGET: 2,3,0,\"60.166.12.210:7500\"\r\nabc\r\nOK\r\n");
}

// The length in a frame header "<prefix><digits><suffix>" at `pos`: {payload start, length}.
std::optional<std::pair<std::size_t, std::size_t>> frame_at(const std::string& out, std::size_t pos,
                                                            std::string_view prefix,
                                                            std::string_view suffix) {
  if (out.compare(pos, prefix.size(), prefix) != 0) return std::nullopt;
  std::size_t end = pos + prefix.size();
  std::size_t len = 0;
  while (end < out.size() && std::isdigit(static_cast<unsigned char>(out[end]))) {
    len = len * 10 + static_cast<std::size_t>(out[end++] - '0');
  }
  if (end == pos + prefix.size() || out.compare(end, suffix.size(), suffix) != 0) {
    return std::nullopt;
  }
  return std::make_pair(end + suffix.size(), len);
}

// The payload of consecutive "<prefix><n><suffix><payload>" frames (complete ones only).
std::string unframe(const std::string& out, std::string_view prefix, std::string_view suffix,
                    std::size_t* frames = nullptr, std::size_t* largest = nullptr) {
  std::string payload;
  std::size_t pos = 0;
  while (auto frame = frame_at(out, pos, prefix, suffix)) {
    const auto [start, len] = *frame;
    if (start + len > out.size()) break;
    payload += out.substr(start, len);
    pos = start + len;
    if (frames) ++*frames;
    if (largest) *largest = std::max(*largest, len);
  }
  return payload;
}

TEST(Air780epReceive, PushChunksAreAtMost1460Bytes) {  // S0 FAQ 12
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  t.exchange("AT+CIPRXF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPHEAD=1\r", "\r\nOK\r\n");
  std::string data;
  for (int i = 0; i < 10000; ++i) data += static_cast<char>(i * 7);
  server.send(0, data);
  std::string out;
  ASSERT_TRUE(t.poll_until([&] {
    out += t.take();
    return unframe(out, "\r\n+IPD,", ":").size() >= data.size();
  }));
  std::size_t frames = 0, largest = 0;
  EXPECT_EQ(unframe(out, "\r\n+IPD,", ":", &frames, &largest), data);
  EXPECT_LE(largest, 1460u);
  EXPECT_GE(frames, 7u);
}

TEST(Air780epReceive, SlowHostPausesThePeerWithoutLoss) {  // backpressure, push mode
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {0});
  t.exchange("AT+CIPRXF=1\r", "\r\nOK\r\n");
  std::string data;
  for (int i = 0; i < 600 * 1024; ++i) data += static_cast<char>('A' + i % 53);
  t.channel->hold_output(true);  // the host stops reading the serial line
  server.send(0, data);
  t.poll_until([] { return false; }, 300ms);
  const std::size_t queued = t.channel->output().size();
  EXPECT_LT(queued, 200 * 1024u) << "the link kept reading";
  EXPECT_GT(queued, 64 * 1024u);
  std::string out;
  std::string payload;
  ASSERT_TRUE(t.poll_until(
      [&] {
        out += t.channel->take_output();  // the host reads: drained, links resume
        payload = unframe(out, "\r\n+RECEIVE,0,", ":\r\n");
        return payload.size() >= data.size();
      },
      10s));
  EXPECT_EQ(payload, data);
}

TEST(Air780epReceive, PullBufferLimitPausesThePeerWithoutLoss) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT+CIPRXGET=1\r", "\r\nOK\r\n");
  connected_single(t, server, 0);
  std::string data;
  for (int i = 0; i < 300 * 1024; ++i) data += static_cast<char>(i % 251);
  server.send(0, data);
  auto& slot = model(t).stack().slot(0);
  t.poll_until([] { return false; }, 300ms);
  EXPECT_LT(slot.buffered(), 100 * 1024u);
  t.take();
  std::string got;
  ASSERT_TRUE(t.poll_until(
      [&] {
        t.send("AT+CIPRXGET=2,1460\r");
        std::string out = t.take();
        const auto start = out.find("\r\n", 2) + 2;
        const auto end = out.rfind("\r\nOK\r\n");
        if (start < end && end != std::string::npos) got += out.substr(start, end - start);
        return got.size() >= data.size();
      },
      10s));
  EXPECT_EQ(got, data);
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
