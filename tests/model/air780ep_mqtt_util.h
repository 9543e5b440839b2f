// Shared set-up of the Air780EP MQTT transcript tests (app-protocols-cases.md §M): a real
// Mosquitto as broker.test (1883 plain, 8883 TLS from the test CA, 1885 with the password file,
// nothing on 1999), mosquitto_sub / mosquitto_pub as the independent client P, and the case
// shorthands (TCP_UP, CONNECTED).
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "tests/model/air780ep_test_util.h"
#include "tests/support/module_pki.h"
#include "tests/support/mosquitto_broker.h"

namespace cellemu::testing::air780ep_mqtt {

using namespace std::chrono_literals;
using air780ep_test::NetView;

inline constexpr const char* kOk = "\r\nOK\r\n";
inline constexpr const char* kE765 = "\r\n+CME ERROR: 765\r\n";
inline constexpr const char* kE767 = "\r\n+CME ERROR: 767\r\n";

class MqttCase : public ::testing::Test {
 protected:
  MqttCase() : broker_(&ModulePki::get().server) {}

  // The case modem (ATE0 applied unless `echo`), broker.test routed to the broker's listeners.
  Transcript& modem(bool echo = false, std::function<void(models::Profile&)> profile = {}) {
    EXPECT_TRUE(broker_.started());
    NetView view{{{"broker.test:1883", broker_.plain_port()},
                  {"broker.test:8883", broker_.tls_port()},
                  {"broker.test:1885", broker_.password_port()},
                  {"broker.test:1999", refused_port()}},
                 {}};
    t_ = std::make_unique<Transcript>(air780ep_test::options(view, std::move(profile), echo));
    return *t_;
  }

  // TCP_UP of the cases: MCONFIG with client `id` and MIPSTART to broker.test:1883.
  void tcp_up(const std::string& id = "dev1") {
    t_->exchange("AT+MCONFIG=\"" + id + "\",\"\",\"\"\r", kOk);
    t_->exchange("AT+MIPSTART=\"broker.test\",1883\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  }
  // CONNECTED of the cases (keepalive 60, clean session).
  void connected(const std::string& id = "dev1", const std::string& mconnect = "1,60") {
    tcp_up(id);
    t_->exchange("AT+MCONNECT=" + mconnect + "\r", "\r\nOK\r\n\r\nCONNACK OK\r\n");
  }
  void subscribed(const std::string& topic, int qos = 0) {
    t_->exchange("AT+MSUB=\"" + topic + "\"," + std::to_string(qos) + "\r",
                 "\r\nOK\r\n\r\nSUBACK\r\n");
  }
  // Whether the broker logged `text` (waits for it, polling the modem meanwhile).
  bool broker_logged(const std::string& text) {
    return t_->poll_until([&] { return broker_.logs().find(text) != std::string::npos; });
  }
  // P's messages, once it printed `n` of them (the modem is polled meanwhile).
  std::vector<ReceivedMessage> p_messages(Subprocess& p, std::size_t n) {
    EXPECT_TRUE(t_->poll_until([&] { return received_messages(p).size() >= n; }))
        << "P received " << received_messages(p).size() << " of " << n;
    return received_messages(p);
  }

  MosquittoBroker broker_;
  std::unique_ptr<Transcript> t_;
};

}  // namespace cellemu::testing::air780ep_mqtt
