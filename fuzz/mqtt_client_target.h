#pragma once

// The MQTT client engine with the fuzzer as the broker: arbitrary bytes, connection events and
// host commands in any order, with the clock moving. Nothing may crash, the client's state
// machine stays consistent, and what it sends is always valid MQTT 3.1.1.
// Input: records [opcode][argument][length % 32][that many bytes of broker data].
#include <cstdint>
#include <cstdlib>
#include <string>

#include "emulator/core/logging.h"
#include "emulator/core/manual_timer_service.h"
#include "fuzz/fake_connection.h"
#include "net/mqtt/client.h"
#include "net/mqtt/decoder.h"

namespace cellemu::fuzz {

namespace mqtt_client_detail {

struct Sink : net::mqtt::ClientEvents {
  void on_tcp_connected() override {}
  void on_tcp_failed(net::NetError) override {}
  void on_connected(bool) override {}
  void on_connect_refused(std::optional<std::uint8_t>) override {}
  void on_subscribed(std::uint16_t, const std::vector<std::uint8_t>&) override {}
  void on_unsubscribed(std::uint16_t) override {}
  void on_ack(net::mqtt::AckKind, std::uint16_t) override {}
  void on_message(const net::mqtt::Message& m) override {
    if (m.payload.size() > 4100) std::abort();  // OQ-A14: never delivered
  }
  void on_message_cached(std::size_t slot) override {
    if (slot >= 4) std::abort();
  }
  void on_closed(const net::mqtt::CloseInfo&) override {}
};

// One host command or network event per opcode.
inline void step(net::mqtt::Client& c, FakeConnection& conn, core::ManualTimerService& timers,
                 std::uint8_t op, std::uint8_t arg, std::string_view data) {
  using namespace net::mqtt;
  const auto qos = static_cast<QoS>(arg % 3);
  switch (op % 16) {
    case 0:
      c.start({"broker.test", 1883}, net::OpenOptions{});
      break;
    case 1:
      conn.accept();
      break;
    case 2:
      c.connect(arg & 1, arg % 4 == 0 ? 0 : 60);
      break;
    case 3:
      conn.deliver(data);
      break;
    case 4:
      c.subscribe(arg % 2 ? "a/+" : "t", qos);
      break;
    case 5:
      c.publish("t", std::string(arg, 'p'), qos, arg & 1);
      break;
    case 6:
      c.unsubscribe("t");
      break;
    case 7:
      c.disconnect();
      break;
    case 8:
      c.close();
      break;
    case 9:
      c.network_lost();
      break;
    case 10:
      conn.hang_up(static_cast<net::NetError>(arg % 11));
      break;
    case 11:
      timers.advance(std::chrono::seconds(arg));
      break;
    case 12:
      c.set_receive_mode(arg & 1 ? ReceiveMode::Cached : ReceiveMode::Direct);
      break;
    case 13:
      (void)c.cache().take_all();
      break;
    case 14:
      conn.refuse(static_cast<net::NetError>(arg % 11));
      break;
    default:
      arg & 1 ? c.pause_reading() : c.resume_reading();
      break;
  }
}

}  // namespace mqtt_client_detail

inline int run_mqtt_client(const std::uint8_t* bytes, std::size_t size) {
  using namespace net::mqtt;
  static const bool quiet = core::configure_logging("off", core::LogFormat::Text);
  (void)quiet;
  core::ManualTimerService timers;
  FakeConnection conn;
  mqtt_client_detail::Sink sink;
  Client client(timers, conn, sink);
  client.configure({"fuzz", "u", "p", Will{"w", "gone", QoS::AtLeastOnce, false}});
  std::size_t i = 0;
  while (i + 3 <= size) {
    const std::size_t n = std::min<std::size_t>(bytes[i + 2] % 32, size - i - 3);
    mqtt_client_detail::step(client, conn, timers, bytes[i], bytes[i + 1],
                             std::string_view(reinterpret_cast<const char*>(bytes) + i + 3, n));
    i += 3 + n;
    const int status = client.status();
    if (status < 0 || status > 2) std::abort();
  }
  // Everything the client sent is a stream of valid packets.
  Decoder check;
  check.feed(conn.sent, [](Decoder::Item&& item) {
    if (!std::holds_alternative<Packet>(item)) std::abort();
    return true;
  });
  return 0;
}

}  // namespace cellemu::fuzz
