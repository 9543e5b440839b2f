// The common module socket (models/common): one socket set on a modem's in-memory serial line and
// manual clock, driven through links the test feeds by hand.
#include "models/common/module_socket.h"

#include <gtest/gtest.h>

#include "models/common/drop_log.h"
#include "models/common/module_sockets.h"
#include "models/common/transparent_link.h"
#include "tests/support/transcript.h"

namespace cellemu::testing {
namespace {
using models::DropLog;
using models::ModuleSocket;
using models::ModuleSockets;
using models::ReceiveBuffer;
using models::SocketTarget;
using models::TransparentLink;
using namespace std::chrono_literals;

// A link whose traffic the test makes up: what the module sends is recorded, what the peer
// "sends" is fed in.
class FakeLink final : public net::Link {
 public:
  FakeLink(net::Protocol protocol, net::LinkContext context)
      : Link(net::LinkSpec{protocol, "203.0.113.7", 9000}, context) {
    remote_ip_ = "203.0.113.7";
    state_ = net::LinkState::Connected;
  }
  void feed(std::string_view bytes) { deliver(bytes, "198.51.100.2", 5683); }
  void peer_closes() { report_closed(net::NetError::PeerClosed); }
  void close(bool) override { state_ = net::LinkState::Closed; }

  std::string sent;
  int reads_started = 0;

 private:
  bool transmit(std::string data) override {
    sent += data;
    bytes_sent_ += data.size();
    return true;
  }
  void start_reading() override { ++reads_started; }
  void fail(net::NetError reason) override { report_closed(reason); }
};

struct ModuleSocketRecorder : models::SocketEvents {
  void on_connected(ModuleSocket&) override { events += "connected;"; }
  void on_connect_failed(ModuleSocket&, net::NetError e) override {
    events += "failed:" + std::string(net::describe(e)) + ";";
  }
  void on_data(ModuleSocket& s, std::string_view data, const std::string& ip,
               std::uint16_t port) override {
    chunks.emplace_back(data);
    from = ip + ":" + std::to_string(port);
    if (transparent) return transparent->downlink(s, data);
    if (storing) s.store(data);
  }
  void on_closed(ModuleSocket& s, net::NetError e) override {
    events += "closed:" + std::string(net::describe(e)) + ";";
    if (transparent) transparent->ended(s, "ENDED");
  }
  std::string events, from;
  std::vector<std::string> chunks;
  bool storing = false;
  TransparentLink* transparent = nullptr;
};

class ModuleSocketTest : public ::testing::Test {
 protected:
  ModuleSocketTest() : set(t.model()) {}

  // A socket of the set on a fake link of `protocol`.
  std::shared_ptr<FakeLink> connected(ModuleSocket& s, net::Protocol protocol) {
    auto link = std::make_shared<FakeLink>(
        protocol, net::LinkContext{t.timers, conditions, std::make_shared<net::LinkJournal>()});
    s.adopt(link, SocketTarget{.protocol = protocol, .host = "example.net", .port = 9000});
    return link;
  }

  Transcript t;
  net::NetworkConditions conditions;
  ModuleSocketRecorder events;
  ModuleSockets set;
};

TEST_F(ModuleSocketTest, OnlyTheCurrentLinkReports) {
  ModuleSocket& s = set.add(events, ReceiveBuffer(1024));
  auto old_link = connected(s, net::Protocol::Tcp);
  auto link = connected(s, net::Protocol::Tcp);  // the socket was reused
  old_link->set_handler(&s);                     // as if the old link still had a report under way
  old_link->feed("stale");
  old_link->peer_closes();
  EXPECT_TRUE(events.chunks.empty());
  EXPECT_EQ(events.events, "");
  link->feed("fresh");
  ASSERT_EQ(events.chunks.size(), 1u);
  EXPECT_EQ(events.chunks[0], "fresh");
  EXPECT_EQ(events.from, "198.51.100.2:5683");
  link->peer_closes();
  EXPECT_EQ(events.events, "closed:closed by peer;");
  EXPECT_EQ(s.state(), ModuleSocket::State::Closed);
}

TEST_F(ModuleSocketTest, StreamsComeInSegmentsDatagramsWhole) {  // one chunking policy
  ModuleSocket& tcp = set.add(events, ReceiveBuffer(1024));
  ModuleSocket& udp = set.add(events, ReceiveBuffer(1024));
  connected(tcp, net::Protocol::Tcp)->feed(std::string(5000, 's'));
  ASSERT_EQ(events.chunks.size(), 4u);
  EXPECT_EQ(events.chunks[0].size(), models::kMaxSegment);
  EXPECT_EQ(events.chunks[3].size(), 5000 - 3 * models::kMaxSegment);
  events.chunks.clear();
  connected(udp, net::Protocol::Udp)->feed(std::string(5000, 'd'));
  ASSERT_EQ(events.chunks.size(), 1u);
  EXPECT_EQ(events.chunks[0].size(), 5000u);
}

TEST_F(ModuleSocketTest, AFullBufferDropsWholeDatagramsAndCountsThem) {
  ModuleSocket& s = set.add(events, ReceiveBuffer(100));
  events.storing = true;
  auto link = connected(s, net::Protocol::Udp);
  link->feed(std::string(60, 'a'));
  link->feed(std::string(60, 'b'));  // 120 > 100: lost whole
  link->feed(std::string(40, 'c'));  // fits exactly
  link->feed("d");
  EXPECT_EQ(s.take(1000), std::string(60, 'a') + std::string(40, 'c'));
  EXPECT_EQ(s.dropped(), 2u);
  EXPECT_FALSE(s.reading_paused());  // UDP has no flow control to wait with
  const auto status = set.link_status([](const ModuleSocket&) { return "OPEN"; });
  ASSERT_EQ(status.size(), 1u);
  EXPECT_EQ(status[0].dropped, 2u);
  EXPECT_EQ(status[0].protocol, "UDP");
  EXPECT_EQ(status[0].remote, "203.0.113.7:9000");
  EXPECT_EQ(status[0].state, "OPEN");
  s.clear();
  EXPECT_EQ(s.dropped(), 0u);
}

TEST_F(ModuleSocketTest, AFullBufferStopsReadingAStreamUntilThereIsRoom) {
  ModuleSocket& s = set.add(events, ReceiveBuffer(100, 51));
  events.storing = true;
  auto link = connected(s, net::Protocol::Tcp);
  link->feed(std::string(150, 'x'));  // one read lands whole, beyond the capacity
  s.update_flow(true);
  EXPECT_TRUE(link->reading_paused());
  EXPECT_EQ(s.take(99).size(), 99u);
  s.update_flow(true);
  EXPECT_TRUE(link->reading_paused());  // 51 kept: below the resume level only
  s.take(1);
  s.update_flow(true);
  EXPECT_FALSE(link->reading_paused());
  EXPECT_EQ(s.dropped(), 0u);
  s.take(1000);
  link->feed(std::string(100, 'y'));
  s.update_flow(false);  // arrivals go straight to the host: a full buffer is no reason to wait
  EXPECT_FALSE(link->reading_paused());
}

TEST_F(ModuleSocketTest, AHostThatDoesNotReadPausesEverySocketUntilItDrains) {
  ModuleSocket& a = set.add(events, ReceiveBuffer(100));
  ModuleSocket& b = set.add(events, ReceiveBuffer(100));
  auto la = connected(a, net::Protocol::Tcp);
  auto lb = connected(b, net::Protocol::Tcp);
  t.channel->hold_output(true);
  const std::string data(ModuleSockets::kOutputLimit + 10, 'p');
  std::size_t frames = 0;
  set.push(data, [&](std::string_view piece) {
    EXPECT_LE(piece.size(), models::kMaxSegment);
    ++frames;
    t.session->at().responder().urc_raw("+P:", piece, "");
  });
  EXPECT_EQ(frames, (data.size() + models::kMaxSegment - 1) / models::kMaxSegment);
  EXPECT_TRUE(set.output_paused());
  EXPECT_TRUE(la->reading_paused());
  EXPECT_TRUE(lb->reading_paused());
  ModuleSocket& c = set.add(events, ReceiveBuffer(100));
  auto lc = connected(c, net::Protocol::Udp);  // opened meanwhile: paused as well
  EXPECT_TRUE(lc->reading_paused());
  t.channel->take_output();
  set.on_output_drained();
  EXPECT_FALSE(la->reading_paused());
  EXPECT_FALSE(lc->reading_paused());
  EXPECT_GT(la->reads_started, 0);
}

TEST_F(ModuleSocketTest, SendCountsWhatTheHostHandedOver) {
  ModuleSocket& s = set.add(events, ReceiveBuffer(100));
  EXPECT_FALSE(s.send("nothing to send on"));
  auto link = connected(s, net::Protocol::Tcp);
  EXPECT_TRUE(s.send("hello"));
  EXPECT_TRUE(s.send(""));
  EXPECT_EQ(link->sent, "hello");
  EXPECT_EQ(s.tx_bytes(), 5u);
  EXPECT_EQ(s.acked_bytes(), 5u);  // a fake link counts everything sent as acknowledged
  s.drop();
  EXPECT_EQ(link->state(), net::LinkState::Closed);
  EXPECT_EQ(s.tx_bytes(), 5u);  // kept until the socket is reused
}

TEST_F(ModuleSocketTest, KindNamesTheSocketInLogsAndStatus) {
  ModuleSocket& s = set.add(events, ReceiveBuffer(100));
  s.begin(SocketTarget{.protocol = net::Protocol::Tcp, .host = "h", .port = 1});
  EXPECT_EQ(s.kind(), "TCP");
  s.begin(SocketTarget{.protocol = net::Protocol::Tcp, .host = "h", .port = 1, .tls = true});
  EXPECT_EQ(s.kind(), "SSL");
  s.begin(SocketTarget{.protocol = net::Protocol::Tcp, .kind = "TCP LISTENER"});
  EXPECT_EQ(s.kind(), "TCP LISTENER");
  EXPECT_EQ(s.state(), ModuleSocket::State::Connecting);
  EXPECT_EQ(s.reported_ip(), "");
}

TEST_F(ModuleSocketTest, TransparentDownlinkIsRawThenHeldAfterTheEscape) {  // OQ-36
  TransparentLink transparent(set, models::TransparentPolicy{.held_limit = 10});
  events.transparent = &transparent;
  ModuleSocket& s = set.add(events, ReceiveBuffer(100));
  auto link = connected(s, net::Protocol::Tcp);
  transparent.start(s, "CONNECT");
  t.expect("\r\nCONNECT\r\n");
  link->feed("raw");
  t.expect("raw");
  transparent.on_uplink("up");  // no packetisation: as it comes
  EXPECT_EQ(link->sent, "up");
  t.advance(1s);  // "+++" with its guard times (OQ-54)
  t.send("+++");
  t.advance(500ms);
  t.expect("\r\nOK\r\n");
  link->feed("0123456789");
  t.expect_quiet();
  EXPECT_EQ(s.buffer().held(), 10u);
  EXPECT_TRUE(link->reading_paused());  // the held limit reached: the peer waits
  link->peer_closes();
  t.expect("\r\nENDED\r\n");  // a URC in command mode; the held bytes go with the link
  EXPECT_EQ(s.buffer().size(), 0u);
  EXPECT_EQ(transparent.socket(), nullptr);
}

TEST_F(ModuleSocketTest, TransparentUplinkInPacketsOfThePolicy) {  // LM CIPCCFG.md
  TransparentLink transparent(set, models::TransparentPolicy{.packets = [] {
                                return models::UplinkPackets{4, 200ms};
                              }});
  ModuleSocket& s = set.add(events, ReceiveBuffer(100));
  auto link = connected(s, net::Protocol::Tcp);
  transparent.start(s, "CONNECT");
  transparent.on_uplink("abcdefghij");
  EXPECT_EQ(link->sent, "abcdefgh");  // whole packets go at once
  t.advance(199ms);
  EXPECT_EQ(link->sent, "abcdefgh");
  t.advance(1ms);
  EXPECT_EQ(link->sent, "abcdefghij");  // the rest after the idle time
  transparent.stop();
}

TEST(DropLog, FirstDropAtOnceThenOneLinePerSecondWithACount) {
  core::ManualTimerService timers;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> lines;
  DropLog log(timers, [&](std::uint64_t n, std::uint64_t bytes) { lines.emplace_back(n, bytes); });
  for (int i = 0; i < 1000; ++i) log.record(10);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], std::make_pair(std::uint64_t{1}, std::uint64_t{10}));
  timers.advance(1s);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], std::make_pair(std::uint64_t{999}, std::uint64_t{9990}));
  timers.advance(1s);  // a quiet second ends the burst
  EXPECT_EQ(lines.size(), 2u);
  log.record(5);
  log.record(5);
  ASSERT_EQ(lines.size(), 3u);  // a new burst is reported at once
  log.flush();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[3], std::make_pair(std::uint64_t{1}, std::uint64_t{5}));
  log.record(1);
  EXPECT_EQ(lines.size(), 5u);  // flushed: the next drop starts afresh
}

}  // namespace
}  // namespace cellemu::testing
