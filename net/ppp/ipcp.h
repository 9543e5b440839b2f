#pragma once

#include <cstdint>
#include <string>

#include "net/ppp/ppp_fsm.h"

namespace cellemu::net::ppp {

// IPv4 addresses in host byte order.
using Ipv4 = std::uint32_t;
std::string to_dotted(Ipv4 address);

// What the module gives the host over IPCP (services.md §6.3): its own address, the host's (the
// PDN address) and the network's DNS servers. A DNS value of 0 is not offered (Rejected).
struct IpcpConfig {
  FsmTiming timing;
  Ipv4 local = 0xC0A81401;  // 192.168.20.1, SDK LWIP_LAN_PPP_LOCAL_IPV4_ADDRESS
  Ipv4 peer = 0;
  Ipv4 dns1 = 0;
  Ipv4 dns2 = 0;
};

struct IpcpResult {
  Ipv4 local = 0;
  Ipv4 peer = 0;
  Ipv4 dns1 = 0;
  Ipv4 dns2 = 0;
};

// The IP Control Protocol (RFC 1332) with the DNS options of RFC 1877: the host's request for
// 0.0.0.0 and DNS 0.0.0.0 is Naked with the configured values; VJ compression, the deprecated
// IP-Addresses option and NBNS are Rejected.
class Ipcp final : private FsmLayer {
 public:
  class Events {
   public:
    virtual void ipcp_send(const std::string& packet) = 0;
    virtual void ipcp_up() = 0;
    virtual void ipcp_down() = 0;
    virtual void ipcp_finished() = 0;

   protected:
    ~Events() = default;
  };

  Ipcp(core::TimerService& timers, IpcpConfig config, Events& events);

  PppFsm& fsm() { return fsm_; }
  const IpcpResult& result() const { return result_; }

 private:
  std::string request_options() override;
  RequestVerdict judge_request(std::string_view options, bool may_nak) override;
  void on_nak(std::string_view options) override;
  void on_reject(std::string_view options) override;
  void layer_up() override { events_.ipcp_up(); }
  void layer_down() override { events_.ipcp_down(); }
  void layer_finished() override { events_.ipcp_finished(); }
  void send_packet(const std::string& packet) override { events_.ipcp_send(packet); }

  // The value an address option must have; nullopt: the option is rejected.
  std::optional<Ipv4> wanted_value(std::uint8_t type) const;

  IpcpConfig config_;
  Events& events_;
  PppFsm fsm_;
  bool send_address_ = true;
  IpcpResult result_;
};

}  // namespace cellemu::net::ppp
