#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/subprocess.h"
#include "tests/support/test_certs.h"

namespace cellemu::testing {

// A real Mosquitto broker (Debian's mosquitto) on three loopback ports, started by the test with a
// generated configuration, as app-protocols-cases.md's harness describes: plain and anonymous;
// TLS (a server certificate from the test CA) and anonymous; plain with a password file holding
// the single user root/luat123456 and anonymous refused. Stopped when destroyed.
class MosquittoBroker {
 public:
  static constexpr const char* kUser = "root";
  static constexpr const char* kPassword = "luat123456";

  // `tls_identity`: the TLS listener's certificate and key (none: no TLS listener).
  explicit MosquittoBroker(const KeyPair* tls_identity = nullptr);
  ~MosquittoBroker();

  bool started() const { return started_; }
  std::uint16_t plain_port() const { return port_; }
  std::uint16_t tls_port() const { return port_ + 1; }
  std::uint16_t password_port() const { return port_ + 2; }
  // The broker stops (SIGSTOP) / goes on (SIGCONT): a broker that no longer answers.
  void freeze();
  void thaw();
  std::string logs() const;

  // An independent client (P of the cases): mosquitto_sub printing "<topic>|<qos>|<retain>|<hex>"
  // per message. Returns once the broker acknowledged the subscription.
  std::unique_ptr<Subprocess> subscribe(const std::string& topic, int qos = 0,
                                        std::vector<std::string> extra = {});
  // mosquitto_pub of `payload` (any bytes) with the given QoS and retain flag; true on success.
  bool publish(const std::string& topic, const std::string& payload, int qos = 0,
               bool retain = false, std::vector<std::string> extra = {});

 private:
  std::string dir_;
  std::uint16_t port_ = 0;
  bool started_ = false;
  std::unique_ptr<Subprocess> process_;
};

// One line of MosquittoBroker::subscribe's output.
struct ReceivedMessage {
  std::string topic;
  int qos = 0;
  bool retain = false;
  std::string payload;
};
// The messages a subscriber printed so far (debug lines skipped).
std::vector<ReceivedMessage> received_messages(Subprocess& subscriber);
// Waits until the subscriber printed at least n messages.
bool wait_messages(Subprocess& subscriber, std::size_t n, std::chrono::milliseconds deadline = 5s);

}  // namespace cellemu::testing
