#include "models/common/dialup.h"

#include <fmt/format.h>
#include <boost/asio/ip/address_v4.hpp>

#include "emulator/core/logging.h"
#include "models/common/modem_base.h"

namespace cellemu::models {
namespace {
using net::ppp::Ipv4;

Ipv4 ipv4(const std::string& text) {
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address_v4(text, ec);
  return ec ? 0 : address.to_uint();
}

// The SDK's LAN addresses of the PPP server (services.md §6.3: LWIP_LAN_PPP_LOCAL_IPV4_ADDRESS,
// ..._HOST_PRIVATE_IPV4_ADDRESS, ..._DNS_RELAY_SERVER_1/2).
constexpr Ipv4 kModemLan = 0xC0A81401;     // 192.168.20.1
constexpr Ipv4 kPrivateHost = 0xC0A81464;  // 192.168.20.100
constexpr Ipv4 kPrivateDns1 = 0xC0A81402;  // 192.168.20.2
constexpr Ipv4 kPrivateDns2 = 0xC0A81403;  // 192.168.20.3

}  // namespace

std::string pdn_line(const std::string& pattern, int cid) {
  std::string line = pattern;
  const auto at = line.find("{cid}");
  if (at != std::string::npos) line.replace(at, 5, std::to_string(cid));
  return line;
}

Dialup::Dialup(ModemBase& modem) : modem_(modem) {}

Dialup::~Dialup() = default;

net::ppp::DialupConfig Dialup::config(const PdpContext& context) const {
  const Profile& p = modem_.profile();
  net::ppp::DialupConfig c;
  auto& ipcp = c.ppp.ipcp;
  ipcp.local = kModemLan;
  if (p.ppp_lan_private) {
    ipcp.peer = kPrivateHost;
    ipcp.dns1 = kPrivateDns1;
    ipcp.dns2 = kPrivateDns2;
  } else {
    ipcp.peer = ipv4(p.network.local_ip);
    ipcp.dns1 = ipv4(p.network.primary_dns);
    ipcp.dns2 = ipv4(p.network.secondary_dns);
  }
  // The profile's ppp_auth knob asks for PAP or CHAP; without it, the +CGAUTH protocol of the
  // context does. Credentials set with +CGAUTH are the ones the network accepts (services.md
  // §6.3 "the credentials received replace the +CGAUTH values for activation").
  const int method = p.ppp_auth != 0 ? p.ppp_auth : context.auth;
  if (method == 1) c.ppp.lcp.auth = {net::ppp::AuthMethod::Pap};
  if (method == 2) c.ppp.lcp.auth = {net::ppp::AuthMethod::Chap};
  if (method != 0 && !context.user.empty()) {
    c.ppp.auth.expected = net::ppp::Credentials{context.user, context.password};
  }
  c.ppp.auth.name = p.identity.model;
  for (const auto& text : p.ppp_forwards) {
    std::string why;
    if (auto forward = net::ppp::PortForward::parse(text, &why)) {
      c.forwards.push_back(*forward);
    } else {  // --config checks them; a profile built in code may not have
      core::logger("net")->warn("ppp_forwards: {}: {}", text, why);
    }
  }
  return c;
}

at::Outcome Dialup::dial(at::CommandContext& ctx, int cid) {
  if (call_) return at::Final::cme(at::CmeError::OperationNotAllowed);
  const auto& radio = modem_.radio();
  PdpContext* context = modem_.pdp().defined(cid);
  if (!modem_.profile().ppp_supported || !context || !radio.attached || radio.cfun != 1) {
    return at::Final::code(at::ResultCode::NoCarrier);
  }
  context->active = true;  // a defined, inactive context is activated first (§6.2)
  channel_ = &ctx.interpreter();
  cid_ = cid;
  auto& sockets = modem_.sockets();
  net::ppp::DialupCall::Listener& listener = *this;
  call_ = std::make_unique<net::ppp::DialupCall>(
      net::ppp::PppNetworkEnv{modem_.io(), modem_.timers(), sockets.conditions(), sockets.config(),
                              sockets.resolver(), sockets.journal()},
      config(*context),
      net::ppp::DialupCall::Port{
          [at = channel_](std::string_view bytes) { at->responder().raw(bytes); },
          [at = channel_] { return at->responder().backlog(); }},
      listener);
  // CONNECT must precede the first LCP frame: it goes out as this command's result (after the
  // "real" timing's delay), and the Configure-Request once the engine is idle again.
  channel_->when_idle([this, call = call_.get()] {
    if (call_.get() == call) call->start();
  });
  core::logger("net")->info("{}: dial-up call on cid {}", channel_->options().modem_name, cid);
  return ctx.connect_data_mode(*call_);
}

std::optional<at::Outcome> Dialup::resume(at::CommandContext& ctx) {
  if (!call_ || call_->ended() || !call_->held() || &ctx.interpreter() != channel_) {
    return std::nullopt;
  }
  call_->resume();
  return ctx.connect_data_mode(*call_);
}

void Dialup::hang_up() {
  if (!call_) return;
  call_->hang_up();
  if (channel_->in_data_mode()) channel_->leave_data_mode();
  release();
}

void Dialup::pdn_lost(int cid, const std::string& then) {
  if (!call_ || (cid != 0 && cid != cid_)) return;
  const std::string after = pdn_line(then, cid_);
  if (call_->held() || !channel_->in_data_mode()) {
    // Online command state: the session is gone; NO CARRIER is an unsolicited line.
    call_->hang_up();
    release();
    modem_.urc("NO CARRIER");
    if (!after.empty()) modem_.urc(after);
    return;
  }
  // Held while the port is in data mode: it follows NO CARRIER.
  if (!after.empty()) modem_.urc(after);
  call_->terminate();
}

void Dialup::reset() {
  if (!call_) return;
  // The modem's own interpreter is reset with the module; another channel's leaves data mode
  // here, so it never keeps a sink that is gone.
  if (channel_ != &modem_.at() && channel_->in_data_mode()) channel_->leave_data_mode();
  call_->hang_up();
  release();
}

void Dialup::channel_closed(const at::AtInterpreter& channel) {
  if (call_ && channel_ == &channel) hang_up();
}

void Dialup::dtr_dropped(int mode) {
  if (!call_ || mode == 0) return;
  if (mode == 1) {
    if (channel_->in_data_mode()) channel_->escape_data_mode();  // OK, as after +++
    return;
  }
  call_->hang_up();
  at::AtInterpreter* channel = channel_;
  release();
  if (channel->in_data_mode()) {
    channel->leave_data_mode("NO CARRIER");
  } else {
    channel->responder().urc("NO CARRIER");  // held in online command state: still said
  }
}

void Dialup::on_output_drained() {
  if (call_) call_->on_output_drained();
}

std::string Dialup::state() const {
  if (!call_) return {};
  return call_->held() ? "online command" : "data";
}

void Dialup::on_call_up(const net::ppp::PppLinkInfo& info) {
  core::logger("net")->info("{}: dial-up call up on cid {}{}", channel_->options().modem_name, cid_,
                            info.peer ? " as " + info.peer->user : std::string());
}

void Dialup::on_call_ended(net::ppp::DownReason reason) {
  core::logger("net")->info("{}: dial-up call ended: {}", channel_->options().modem_name,
                            net::ppp::to_string(reason));
  at::AtInterpreter* channel = channel_;
  release();
  if (channel->in_data_mode()) {
    channel->leave_data_mode("NO CARRIER");
  } else {
    channel->responder().urc("NO CARRIER");
  }
}

void Dialup::release() {
  call_.reset();
  cid_ = 0;
}

}  // namespace cellemu::models
