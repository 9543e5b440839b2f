#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "net/ppp/ppp_fsm.h"

namespace cellemu::net::ppp {

enum class AuthMethod : std::uint8_t { None, Pap, Chap };
const char* to_string(AuthMethod method);

// The module's LCP (services.md §6.3): it asks for ACCM 0, a magic number, PFC and ACFC, no MRU,
// and authentication only when configured.
struct LcpConfig {
  // One Terminate-Request, answered within 3 s or given up (services.md §6.4: the module waits
  // at most 3 s for the Terminate-Ack before NO CARRIER).
  FsmTiming timing{.max_terminate = 1};
  std::uint32_t accm = 0;
  bool request_pfc = true;
  bool request_acfc = true;
  std::uint16_t request_mru = 0;  // 0: no MRU option (1500, the default)
  // The peer's MRU is acknowledged in this range and Naked into it otherwise.
  std::uint16_t min_mru = 128;
  std::uint16_t max_mru = 1500;
  // Authentication the module asks for, preferred first; empty: none (the module default).
  std::vector<AuthMethod> auth;
  // LCP Echo-Requests (0: never, the module default; SDK LCP_ECHOINTERVAL 0) and how many may
  // go unanswered before the link is declared dead.
  core::Duration echo_interval{0};
  int echo_failures = 3;
};

// What LCP settled on, in both directions.
struct LcpResult {
  // What the peer receives (its request, acknowledged): how we frame for it.
  std::uint16_t peer_mru = 1500;
  std::uint32_t peer_accm = 0xFFFFFFFF;
  bool peer_pfc = false;
  bool peer_acfc = false;
  std::uint32_t peer_magic = 0;
  // What we receive (our request, acknowledged).
  std::uint32_t accm = 0xFFFFFFFF;
  std::uint32_t magic = 0;
  AuthMethod auth = AuthMethod::None;
};

// The Link Control Protocol (RFC 1661 §6): options, echo, protocol and code rejects, on the
// shared automaton.
class Lcp final : private FsmLayer {
 public:
  class Events {
   public:
    virtual void lcp_send(const std::string& packet) = 0;
    virtual void lcp_up() = 0;
    virtual void lcp_down() = 0;
    virtual void lcp_finished() = 0;
    virtual void lcp_terminate_requested() = 0;
    virtual void lcp_protocol_rejected(std::uint16_t protocol) = 0;
    virtual void lcp_echo_timeout() = 0;

   protected:
    ~Events() = default;
  };
  using Random = std::function<std::uint32_t()>;

  Lcp(core::TimerService& timers, LcpConfig config, Random random, Events& events);

  PppFsm& fsm() { return fsm_; }
  const LcpResult& result() const { return result_; }

 private:
  struct Wanted {  // what our next Configure-Request asks for
    bool accm = true;
    std::uint32_t accm_value = 0;
    bool magic = true;
    bool pfc = true;
    bool acfc = true;
    std::uint16_t mru = 0;
    std::size_t auth_index = 0;  // into config_.auth; == size(): none
  };

  // FsmLayer
  std::string request_options() override;
  RequestVerdict judge_request(std::string_view options, bool may_nak) override;
  void on_ack(std::string_view options) override;
  void on_nak(std::string_view options) override;
  void on_reject(std::string_view options) override;
  void layer_up() override;
  void layer_down() override;
  void layer_finished() override { events_.lcp_finished(); }
  Extra on_extra_code(const ControlPacket& packet, bool opened) override;
  void terminate_requested() override { events_.lcp_terminate_requested(); }
  void send_packet(const std::string& packet) override { events_.lcp_send(packet); }

  // One option of the peer's request: true to accept it, false to Nak (with `nak` filled) or,
  // when `reject` is set, to Reject it.
  bool judge_option(const ConfigOption& option, std::string& nak, bool& reject);
  void adopt_peer_options(std::string_view options);
  void nak_auth(std::string_view data);
  std::uint32_t new_magic();
  void send_echo();

  LcpConfig config_;
  Random random_;
  Events& events_;
  PppFsm fsm_;
  Wanted wanted_;
  LcpResult result_;
  LcpResult pending_;  // the peer's side as last acknowledged, applied when LCP opens
  core::Timer echo_timer_;
  int echoes_unanswered_ = 0;
};

}  // namespace cellemu::net::ppp
