#include "net/ppp/ipcp.h"

#include "net/ppp/control_packet.h"
#include "net/ppp/wire.h"

namespace cellemu::net::ppp {
namespace {
constexpr std::uint8_t kOptAddress = 3;
constexpr std::uint8_t kOptDns1 = 129;
constexpr std::uint8_t kOptDns2 = 131;

}  // namespace

std::string to_dotted(Ipv4 a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 0xFF) + "." +
         std::to_string((a >> 8) & 0xFF) + "." + std::to_string(a & 0xFF);
}

Ipcp::Ipcp(core::TimerService& timers, IpcpConfig config, Events& events)
    : config_(config), events_(events), fsm_(timers, *this, config.timing) {
  result_.local = config_.local;
}

std::string Ipcp::request_options() {
  std::string out;
  if (send_address_) append_option(out, kOptAddress, be32(result_.local));
  return out;
}

std::optional<Ipv4> Ipcp::wanted_value(std::uint8_t type) const {
  switch (type) {
    case kOptAddress:
      return config_.peer;
    case kOptDns1:
      return config_.dns1 != 0 ? std::optional<Ipv4>(config_.dns1) : std::nullopt;
    case kOptDns2:
      return config_.dns2 != 0 ? std::optional<Ipv4>(config_.dns2) : std::nullopt;
    default:
      return std::nullopt;  // 1 IP-Addresses, 2 compression, 130/132 NBNS, others
  }
}

RequestVerdict Ipcp::judge_request(std::string_view options, bool may_nak) {
  const auto parsed = parse_options(options);
  if (!parsed) return {code::kConfigureReject, std::string(options)};
  std::string naks;
  std::string rejects;
  bool has_address = false;
  for (const auto& option : *parsed) {
    const auto wanted = wanted_value(option.type);
    if (!wanted || option.data.size() != 4) {
      append_option(rejects, option.type, option.data);
      continue;
    }
    has_address |= option.type == kOptAddress;
    if (get32(option.data, 0) == *wanted) continue;
    if (may_nak) {
      append_option(naks, option.type, be32(*wanted));
    } else {
      append_option(rejects, option.type, option.data);
    }
  }
  if (!rejects.empty()) return {code::kConfigureReject, rejects};
  // A host that asks for no address is told which one it has (RFC 1332 §3.3).
  if (!has_address && may_nak) append_option(naks, kOptAddress, be32(config_.peer));
  if (!naks.empty()) return {code::kConfigureNak, naks};
  result_.peer = config_.peer;
  result_.dns1 = 0;
  result_.dns2 = 0;
  for (const auto& option : *parsed) {
    if (option.type == kOptDns1) result_.dns1 = config_.dns1;
    if (option.type == kOptDns2) result_.dns2 = config_.dns2;
  }
  return {code::kConfigureAck, std::string(options)};
}

void Ipcp::on_nak(std::string_view options) {
  const auto parsed = parse_options(options);
  if (!parsed) return;
  for (const auto& option : *parsed) {
    if (option.type == kOptAddress && option.data.size() == 4 && get32(option.data, 0) != 0) {
      result_.local = get32(option.data, 0);
    }
  }
}

void Ipcp::on_reject(std::string_view options) {
  const auto parsed = parse_options(options);
  if (!parsed) return;
  for (const auto& option : *parsed) {
    if (option.type == kOptAddress) send_address_ = false;
  }
}

}  // namespace cellemu::net::ppp
