#pragma once

// The MQTT engine on the modem's real socket layer: manual clock, a polled io_context, a
// LinkConnection, and an event log that reads like the module's lines.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

#include "emulator/core/manual_timer_service.h"
#include "net/link_connection.h"
#include "net/mqtt/client.h"
#include "net/mqtt/decoder.h"
#include "net/mqtt/encoder.h"
#include "net/socket_service.h"
#include "tests/support/loopback_servers.h"

namespace cellemu::net::mqtt {

struct EventLog : ClientEvents {
  void on_tcp_connected() override { add("CONNECT OK"); }
  void on_tcp_failed(NetError e) override { add("CONNECT FAIL: " + std::string(describe(e))); }
  void on_connected(bool present) override { add(present ? "CONNACK OK (session)" : "CONNACK OK"); }
  void on_connect_refused(std::optional<std::uint8_t> rc) override {
    add("ERROR " + (rc ? std::to_string(*rc) : std::string("none")));
  }
  void on_subscribed(std::uint16_t id, const std::vector<std::uint8_t>& codes) override {
    std::string line = "SUBACK " + std::to_string(id);
    for (auto c : codes) line += " " + std::to_string(c);
    add(line);
  }
  void on_unsubscribed(std::uint16_t id) override { add("UNSUBACK " + std::to_string(id)); }
  void on_ack(AckKind kind, std::uint16_t id) override {
    const char* name = kind == AckKind::PubAck   ? "PUBACK"
                       : kind == AckKind::PubRec ? "PUBREC"
                                                 : "PUBCOMP";
    add(std::string(name) + " " + std::to_string(id));
  }
  void on_message(const Message& m) override {
    messages.push_back(m);
    add("MSUB " + m.topic + " " + std::to_string(m.payload.size()));
  }
  void on_message_cached(std::size_t slot) override { add("MSUB " + std::to_string(slot)); }
  void on_closed(const CloseInfo& info) override {
    closes.push_back(info);
    add(std::string(info.announced ? "CLOSED: " : "closed silently: ") +
        std::string(describe(info.reason)));
  }
  void on_writable() override { add("writable"); }
  void add(std::string line) { events.push_back(std::move(line)); }
  std::string take() {
    std::string all;
    for (auto& e : events) all += e + ";";
    events.clear();
    return all;
  }
  std::vector<std::string> events;
  std::vector<Message> messages;
  std::vector<CloseInfo> closes;
};

class MqttBench {
 public:
  explicit MqttBench(ClientConfig config = {}) { make_client(config); }
  void make_client(ClientConfig config) {
    client.reset();
    client = std::make_unique<Client>(timers, connection, log, config);
  }
  // Runs real I/O until pred holds (10 s of wall time at most).
  bool poll_until(const std::function<bool()>& pred,
                  std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (!pred()) {
      if (std::chrono::steady_clock::now() > until) return false;
      io.run_for(std::chrono::milliseconds(2));
      io.restart();
      timers.run_due();
    }
    return true;
  }
  // Waits until the log holds `n` events, then returns them all ("a;b;").
  std::string events(std::size_t n) {
    EXPECT_TRUE(poll_until([&] { return log.events.size() >= n; })) << log.take();
    return log.take();
  }
  // Lets real I/O run for a while (for "nothing happens" checks).
  void settle(std::chrono::milliseconds wall = std::chrono::milliseconds(200)) {
    poll_until([] { return false; }, wall);
  }
  bool start(std::uint16_t port, OpenOptions options = {}) {
    return client->start({"127.0.0.1", port}, options) == StartResult::Started;
  }

  core::ManualTimerService timers;  // outlives the io_context
  boost::asio::io_context io;
  NetConfig config;
  SocketService sockets{io, timers, config};
  LinkConnection connection{sockets};
  EventLog log;
  std::unique_ptr<Client> client;
};

// A broker scripted byte by byte by the test (a loopback TcpServer), for exact bytes and for
// faults a real broker does not produce on demand.
inline std::vector<Packet> packets_in(const std::string& bytes) {
  std::vector<Packet> out;
  Decoder d;
  d.feed(bytes, [&](Decoder::Item&& item) {
    if (auto* p = std::get_if<Packet>(&item)) out.push_back(std::move(*p));
    return true;
  });
  return out;
}

class ScriptedBroker : public ::testing::Test {
 protected:
  // CONNECT OK from the scripted broker, then CONNECT sent and CONNACK answered.
  void connect(std::uint32_t keepalive = 60, bool clean = true) {
    ASSERT_TRUE(b_.start(server_.port()));
    ASSERT_EQ(b_.events(1), "CONNECT OK;");
    ASSERT_FALSE(b_.client->connect(clean, keepalive));
    ASSERT_TRUE(server_.wait_connections(1));
    ASSERT_TRUE(wait_packets(1));
    server_.send(0, encode(ConnAck{}));
    ASSERT_EQ(b_.events(1), "CONNACK OK;");
  }
  bool wait_packets(std::size_t n) {
    return b_.poll_until([&] { return packets_in(server_.received(0)).size() >= n; });
  }
  Packet packet(std::size_t i) {
    EXPECT_TRUE(wait_packets(i + 1));
    auto all = packets_in(server_.received(0));
    return i < all.size() ? all[i] : Packet{PingReq{}};
  }

  testing::TcpServer server_;
  MqttBench b_;
};

}  // namespace cellemu::net::mqtt
