#pragma once

#include <memory>
#include <optional>
#include <string>

#include "emulator/at/result.h"
#include "models/air780ep/air780ep_errors.h"
#include "models/common/modem_base.h"
#include "net/link_connection.h"
#include "net/mqtt/client.h"

namespace cellemu::models::air780ep {

class Air780epModel;

// The Air780EP's built-in MQTT client (app-protocols.md §3): the vendor-neutral engine of
// net/mqtt on the module's socket 7, its settings (§3.2), and everything it reports worded as
// the Luat firmware prints it. The broker connection opens through the modem's SocketService
// like a CIPSTART link, so resolver, routes, filters, NAT, shaping, link faults and TLS from the
// module file system apply to it alike.
class MqttSession final : private net::mqtt::ClientEvents {
 public:
  // LM MIPSTART.md: "7,CONNECT OK" in multi-link mode; never listed by AT+CIPSTATUS (§2.3).
  static constexpr int kSocketId = 7;
  // LM SSLCFG.md: SSL context 88 is the MQTT client's (§2.4).
  static constexpr int kSslContext = 88;

  explicit MqttSession(Air780epModel& modem);
  ~MqttSession();
  MqttSession(const MqttSession&) = delete;
  MqttSession& operator=(const MqttSession&) = delete;

  net::mqtt::Client& client() { return *client_; }
  // AT+MIPSTART (tls false) / AT+SSLMIPSTART (context 88); the outcome is a URC.
  net::mqtt::StartResult start(const std::string& host, std::uint16_t port, bool tls);

  // AT+MQTTMODE: 0 messages as text with escapes, 1 as hex pairs (§3.4.10).
  int publish_mode = 0;
  // The idle end of an AT+MPUBEX window without a length (5 s without a byte).
  core::Timer& window_timer() { return window_timer_; }

  // Power-up, AT+RESET, AT+CFUN=1,1: the connection goes without a word, every setting of §3.2
  // returns to its default (client id = IMEI), the receive cache empties.
  void power_up();
  // The network took the default PDN (or AT+CGATT=0): a session that held a connection is
  // dropped silently (§3.5); true if there was one (its "+CGEV: NW PDN DEACT 1" is then due).
  bool network_lost();
  // The host read its serial backlog: the broker is read again.
  void on_output_drained();

  // For `cellemu ctl`: the live link of socket 7, and its status row (none while idle).
  std::shared_ptr<net::Link> link() const;
  std::optional<ModemBase::LinkStatus> status() const;

 private:
  // net::mqtt::ClientEvents: the module's lines (§3.4, §3.5).
  void on_tcp_connected() override;
  void on_tcp_failed(net::NetError error) override;
  void on_connected(bool session_present) override;
  void on_connect_refused(std::optional<std::uint8_t> return_code) override;
  void on_subscribed(std::uint16_t packet_id, const std::vector<std::uint8_t>& codes) override;
  void on_unsubscribed(std::uint16_t packet_id) override;
  void on_ack(net::mqtt::AckKind kind, std::uint16_t packet_id) override;
  void on_message(const net::mqtt::Message& message) override;
  void on_message_cached(std::size_t slot) override;
  void on_closed(const net::mqtt::CloseInfo& info) override;

  // "7, " before the socket's own result lines in multi-link mode (OQ-A9).
  std::string prefix() const;
  void make_client();
  // Past the serial output limit the broker is no longer read (design.md: nothing dropped).
  void check_output();

  Air780epModel& m_;
  net::LinkConnection connection_;
  std::unique_ptr<net::mqtt::Client> client_;
  core::Timer window_timer_;
  std::string host_;
  std::uint16_t port_ = 0;
  bool output_paused_ = false;
};

// What a command the engine refused answers (OQ-A3): a value it does not take is Error 765,
// anything the session cannot do now (wrong state, every packet id or the send queue in use, the
// subscription limit) Error 767.
inline at::Final mqtt_refused(net::mqtt::Refusal refusal) {
  return at::Final::cme(refusal == net::mqtt::Refusal::InvalidArgument ? kInvalidInput
                                                                       : kOperationFailed);
}

}  // namespace cellemu::models::air780ep
