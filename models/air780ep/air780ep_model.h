#pragma once

#include <memory>
#include <string>

#include "models/air780ep/ip_stack.h"
#include "models/air780ep/mqtt_session.h"
#include "models/air780ep/sapbr_bearers.h"
#include "models/common/modem_base.h"
#include "models/common/ssl_contexts.h"

namespace cellemu::models::air780ep {

class HttpService;

// AirM2M Air780EP, Luat "LTE_AT" firmware (spec air780ep.md): the common 27.007 layer plus the
// SIM800-style TCP/IP command set on real host sockets.
class Air780epModel final : public ModemBase {
 public:
  explicit Air780epModel(ModelEnv env);
  ~Air780epModel() override;

  IpStack& stack() { return *stack_; }
  // The HTTP client of AT+HTTP* (app-protocols.md §4).
  HttpService& http() { return *http_; }
  // AT+SAPBR bearers 1-3 (app-protocols.md §2.2).
  SapbrBearers& bearers() { return bearers_; }
  const SapbrBearers& bearers() const { return bearers_; }
  // The built-in MQTT client on socket 7 (app-protocols.md §3).
  MqttSession& mqtt() { return *mqtt_; }
  // AT+SSLCFG contexts (air780ep.md §6); cleared at power-up (S0 FAQ 4).
  SslContexts& ssl() { return ssl_; }
  // The wait of a file command (AT+FSWRITE <timeout>).
  core::Timer& file_timer() { return file_timer_; }

  void on_power_up() override;
  void on_output_drained() override;
  // AT+CGATT=0 or the radio lost: an active context goes to PDP DEACT (OQ-40). A running HTTP
  // request ends with 601 and the MQTT session is lost as with a network PDN loss
  // (app-protocols.md §2.5, OQ-A18).
  void on_detach() override;
  void on_factory_reset() override { stack_->factory_reset(); }
  // ATO (LM ATO.md).
  at::Outcome resume_data_mode(at::CommandContext& ctx) override {
    return stack_->resume_data_mode(ctx);
  }
  // The network deactivated the bearer while the radio stays attached (S0 FAQ 5).
  void deactivate_pdp() { stack_->pdp_deactivated(); }

  // Faults (emulator/control): "+PDP: DEACT" when a context is up (§9.1), links by their ids (0
  // in single-link mode; 7 the MQTT client's, app-protocols.md §2.3), the stack as
  // AT+CIPSTATUS would show it plus the MQTT connection.
  bool network_deactivate() override;
  std::shared_ptr<net::Link> link_by_id(int id) override;
  std::vector<LinkStatus> link_status() override;
  std::string ip_state() override;

 protected:
  void on_reset() override;

 private:
  std::optional<at::Outcome> dispatch_vendor(at::CommandContext& ctx) override;
  // The TLS of a link opened while CIPSSL=1 (ssl_commands.cpp); nullopt: CONNECT FAIL.
  std::optional<net::OpenOptions> link_tls(int id, const std::string& host, std::uint16_t port);

  SslContexts ssl_;
  core::Timer file_timer_;
  std::unique_ptr<IpStack> stack_;
  SapbrBearers bearers_;
  std::unique_ptr<HttpService> http_;
  std::unique_ptr<MqttSession> mqtt_;
};

}  // namespace cellemu::models::air780ep
