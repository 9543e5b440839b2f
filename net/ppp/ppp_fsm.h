#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "emulator/core/timer_service.h"
#include "net/ppp/control_packet.h"

namespace cellemu::net::ppp {

enum class FsmState {
  Initial,
  Starting,
  Closed,
  Stopped,
  Closing,
  Stopping,
  ReqSent,
  AckRcvd,
  AckSent,
  Opened
};
const char* to_string(FsmState state);

// RFC 1661 §4.6 counters and timer; the defaults are the RFC's (and the module's, services.md
// §6.3: the Configure-Request is resent every 3 s, up to 10 times).
struct FsmTiming {
  core::Duration restart = std::chrono::seconds(3);
  int max_configure = 10;
  int max_terminate = 2;
  int max_failure = 5;
};

// How we answer a peer's Configure-Request: Ack (options echoed), Nak or Reject with the
// offending options.
struct RequestVerdict {
  std::uint8_t code = 0;
  std::string options;
};

// What a control protocol (LCP, IPCP) plugs into the automaton: its options and the actions
// of RFC 1661 §4.4 (this-layer-up/-down/-started/-finished).
class FsmLayer {
 public:
  enum class Extra { Unknown, Handled, RejectPermitted, RejectCatastrophic };

  virtual std::string request_options() = 0;
  // `may_nak` is false once Max-Failure Naks went unanswered: convert Naks into Rejects.
  virtual RequestVerdict judge_request(std::string_view options, bool may_nak) = 0;
  virtual void on_ack(std::string_view options) { (void)options; }
  virtual void on_nak(std::string_view options) = 0;
  virtual void on_reject(std::string_view options) = 0;
  virtual void layer_up() = 0;
  virtual void layer_down() = 0;
  virtual void layer_started() {}
  virtual void layer_finished() = 0;
  // Codes past Code-Reject (LCP: Protocol-Reject, Echo, Discard). Unknown ones are rejected.
  virtual Extra on_extra_code(const ControlPacket& packet, bool opened) {
    (void)packet;
    (void)opened;
    return Extra::Unknown;
  }
  // A Terminate-Request arrived (after the automaton answered it).
  virtual void terminate_requested() {}
  virtual void send_packet(const std::string& packet) = 0;

 protected:
  ~FsmLayer() = default;
};

// The option negotiation automaton of RFC 1661 §4, state table and all, shared by LCP and IPCP.
// The restart timer runs on the injected clock.
class PppFsm {
 public:
  PppFsm(core::TimerService& timers, FsmLayer& layer, FsmTiming timing = {});

  void up();
  void down();
  void open();
  void close();
  // One control packet of this protocol (the information field of its frame).
  void receive(std::string_view info);

  FsmState state() const { return state_; }
  bool opened() const { return state_ == FsmState::Opened; }
  // Identifier for packets the layer sends itself (echo requests, code rejects).
  std::uint8_t next_id() { return next_id_++; }

 private:
  void receive_request(const ControlPacket& packet);
  void receive_ack(const ControlPacket& packet);
  void receive_nak(const ControlPacket& packet, bool reject);
  void receive_terminate_request(const ControlPacket& packet);
  void receive_terminate_ack();
  void receive_code_reject(const ControlPacket& packet);
  void receive_unknown(std::string_view info);
  void rxj(bool catastrophic);
  void on_timeout();

  void irc(int count) { restart_count_ = count; }
  void zrc();
  void scr();
  void str();
  void sta(std::uint8_t id);
  void send_verdict(std::uint8_t id, const RequestVerdict& verdict);
  void tlu();
  void tld();
  void tlf();
  void set_state(FsmState next);

  FsmLayer& layer_;
  FsmTiming timing_;
  core::Timer restart_timer_;
  FsmState state_ = FsmState::Initial;
  int restart_count_ = 0;
  int naks_sent_ = 0;
  std::uint8_t next_id_ = 1;
  std::uint8_t request_id_ = 0;
  std::string last_request_;
};

}  // namespace cellemu::net::ppp
