#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/timer_service.h"
#include "net/ppp/authenticator.h"
#include "net/ppp/hdlc_decoder.h"
#include "net/ppp/hdlc_encoder.h"
#include "net/ppp/ipcp.h"
#include "net/ppp/lcp.h"

namespace cellemu::net::ppp {

// Why a PPP link ended.
enum class DownReason {
  PeerTerminated,     // the host sent LCP Terminate-Request (pppd exit, esp_modem stop)
  LocalTerminated,    // terminate() (the module hangs up: PDN lost, CFUN=0...)
  NegotiationFailed,  // LCP or IPCP never converged, or a protocol we need was rejected
  AuthFailed,         // PAP/CHAP refused, or the host would not authenticate
  EchoTimeout,        // LCP echo requests went unanswered (only with echo_interval set)
};
const char* to_string(DownReason reason);

struct PppConfig {
  LcpConfig lcp;
  AuthConfig auth;
  IpcpConfig ipcp;
  // Longest frame accepted between flags, unescaped: MRU 1500 plus header and FCS, with slack.
  std::size_t max_frame = 1600;
};

// What the link settled on, reported when IPCP opens.
struct PppLinkInfo {
  LcpResult lcp;
  IpcpResult ipcp;
  std::optional<Credentials> peer;  // what the host authenticated with, if asked
};

struct PppCounters {
  std::uint64_t bytes_in = 0;
  std::uint64_t bytes_out = 0;
  std::uint64_t packets_in = 0;  // IPv4 datagrams from the host
  std::uint64_t packets_out = 0;
};

// The module's end of one PPP link (RFC 1661 phases): host bytes in, IPv4 datagrams out; IPv4
// datagrams in, framed host bytes out. The module is the server: it sends its LCP
// Configure-Request at start(), authenticates the host when configured, hands out addresses
// over IPCP. Vendor-neutral; a model turns the events into CONNECT / NO CARRIER.
class PppSession final : private Lcp::Events, private Ipcp::Events, private Authenticator::Events {
 public:
  enum class Phase { Dead, Establish, Authenticate, Network, Terminate };
  class Listener {
   public:
    virtual void ppp_output(std::string_view bytes) = 0;
    virtual void ppp_up(const PppLinkInfo& info) = 0;
    virtual void ppp_packet(std::string_view ipv4) = 0;
    // Once, as the last event; nothing is sent after it.
    virtual void ppp_down(DownReason reason) = 0;

   protected:
    ~Listener() = default;
  };
  using Random = std::function<std::uint32_t()>;

  PppSession(core::TimerService& timers, PppConfig config, Random random, Listener& listener);

  void start();
  void input(std::string_view bytes);
  // False while IPCP is not open (the datagram is dropped).
  bool send_packet(std::string_view ipv4);
  // LCP Terminate-Request; ppp_down(LocalTerminated) on the Ack or after the restart timer.
  void terminate();
  // Gone at once, without a frame or an event (ATH after +++, DTR drop).
  void stop();

  Phase phase() const { return phase_; }
  bool network_up() const { return network_up_; }
  const PppCounters& counters() const { return counters_; }
  const HdlcDecoder::Counters& framing() const { return decoder_.counters(); }
  const LcpResult& lcp() const { return lcp_.result(); }
  const IpcpResult& ipcp() const { return ipcp_.result(); }

 private:
  // Lcp::Events
  void lcp_send(const std::string& packet) override { send(kProtoLcp, packet); }
  void lcp_up() override;
  void lcp_down() override;
  void lcp_finished() override;
  void lcp_terminate_requested() override;
  void lcp_protocol_rejected(std::uint16_t protocol) override;
  void lcp_echo_timeout() override { close(DownReason::EchoTimeout); }
  // Ipcp::Events
  void ipcp_send(const std::string& packet) override { send(kProtoIpcp, packet); }
  void ipcp_up() override;
  void ipcp_down() override { network_up_ = false; }
  void ipcp_finished() override { close(DownReason::NegotiationFailed); }
  // Authenticator::Events
  void auth_send(std::uint16_t protocol, const std::string& packet) override {
    send(protocol, packet);
  }
  void auth_succeeded(const Credentials& peer) override;
  void auth_failed() override { close(DownReason::AuthFailed); }

  void on_frame(std::string_view frame);
  void reject_protocol(std::uint16_t protocol, std::string_view info);
  void send(std::uint16_t protocol, std::string_view info);
  void begin_network();
  void close(DownReason reason);
  void finish(DownReason reason);

  PppConfig config_;
  Listener& listener_;
  HdlcEncoder encoder_;
  HdlcDecoder decoder_;
  Lcp lcp_;
  Authenticator auth_;
  Ipcp ipcp_;
  Phase phase_ = Phase::Dead;
  bool network_up_ = false;
  bool started_ = false;
  std::optional<DownReason> closing_;
  std::optional<Credentials> peer_;
  PppCounters counters_;
  std::string out_;
};

}  // namespace cellemu::net::ppp
