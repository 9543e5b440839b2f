#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/at/command_context.h"
#include "emulator/core/timer_service.h"
#include "net/ppp/ppp_network.h"
#include "net/ppp/ppp_session.h"

namespace cellemu::net::ppp {

struct DialupConfig {
  // LCP, authentication and the IPCP addresses the module hands out (ipcp.peer: the PDN
  // address or 192.168.20.100; ipcp.dns1/dns2: the network's DNS servers).
  PppConfig ppp;
  std::vector<PortForward> forwards;
  std::size_t max_flows = 256;
};

// One dial-up data call on an AT channel (the UART or a CMUX DLCI): the PPP link and the IP
// network behind it, and the at::DataModeSink of that channel while the call is in data mode.
// CONNECT must reach the host before the first LCP frame, so an ATD*99# handler does:
//   ctx.emit_final(Final::code(ResultCode::Connect));  // framed per ATV/ATQ
//   ctx.interpreter().enter_data_mode(*call);
//   call->start();
//   return Final::none();
// (tests/unit/ppp_dialup_at_test.cpp runs P-001...P-011 that way). The model says how the call
// ends (+++ holds it, ATO resumes it, ATH or a DTR drop hang it up silently, a PDN loss
// terminates it) and prints NO CARRIER when told the call ended.
class DialupCall final : public at::DataModeSink, private PppSession::Listener {
 public:
  class Listener {
   public:
    // IPCP opened: the host has its address (logs; PAP credentials for the PDN activation).
    virtual void on_call_up(const PppLinkInfo& info) { (void)info; }
    // The call is over (after its last frame went out): print NO CARRIER, leave data mode.
    // Reported from a zero-delay timer, so the call may be destroyed from here.
    virtual void on_call_ended(DownReason reason) = 0;

   protected:
    ~Listener() = default;
  };
  // The channel the call runs on: bytes for the host (Responder::raw) and how much of what was
  // written the host has not read yet (Responder::backlog).
  struct Port {
    std::function<void(std::string_view)> write;
    std::function<std::size_t()> backlog;
  };

  DialupCall(PppNetworkEnv env, DialupConfig config, Port port, Listener& listener);
  ~DialupCall();

  // Right after CONNECT: the module's LCP Configure-Request goes out.
  void start();
  // at::DataModeSink: host bytes in data mode; "+++" (the engine already answered OK).
  void on_uplink(std::string_view bytes) override;
  void on_escape() override { held_ = true; }
  // ATO: frames flow again, no renegotiation.
  void resume() { held_ = false; }
  // ATH after +++, DTR drop with &D2, DISC of the DLCI: gone now, no frame, no event.
  void hang_up();
  // PDN loss, CFUN=0...: LCP Terminate-Request, then on_call_ended within 3 s; a held call
  // ends at once (the model prints NO CARRIER as a URC).
  void terminate();
  // The host read the backlog (ModemBase::on_output_drained): read the real sockets again.
  void on_output_drained();

  bool held() const { return held_; }
  bool ended() const { return ended_; }
  bool network_up() const { return session_.network_up(); }
  const PppSession& session() const { return session_; }
  // The NAT table, per-flow faults, live NAT policy changes; nullptr until IPCP opened.
  PppNetwork* network() { return network_.get(); }
  std::vector<FlowInfo> flows() const;

 private:
  // PppSession::Listener
  void ppp_output(std::string_view bytes) override;
  void ppp_up(const PppLinkInfo& info) override;
  void ppp_packet(std::string_view ipv4) override;
  void ppp_down(DownReason reason) override;

  void to_peer(std::string ipv4);
  void end(DownReason reason);

  PppNetworkEnv env_;
  DialupConfig config_;
  Port port_;
  Listener& listener_;
  std::mt19937 random_;
  PppSession session_;
  std::unique_ptr<PppNetwork> network_;
  core::Timer end_timer_;
  bool held_ = false;
  bool ended_ = false;
  bool downlink_paused_ = false;
};

}  // namespace cellemu::net::ppp
