#include "net/ppp/lcp.h"

#include <algorithm>

#include "net/ppp/control_packet.h"
#include "net/ppp/hdlc_encoder.h"
#include "net/ppp/wire.h"

namespace cellemu::net::ppp {
namespace {

constexpr std::uint8_t kOptMru = 1;
constexpr std::uint8_t kOptAccm = 2;
constexpr std::uint8_t kOptAuth = 3;
constexpr std::uint8_t kOptMagic = 5;
constexpr std::uint8_t kOptPfc = 7;
constexpr std::uint8_t kOptAcfc = 8;
constexpr std::uint8_t kChapMd5 = 5;

std::string auth_option_data(AuthMethod method) {
  if (method == AuthMethod::Pap) return be16(kProtoPap);
  std::string data = be16(kProtoChap);
  append8(data, kChapMd5);
  return data;
}

std::optional<AuthMethod> auth_from_option(std::string_view data) {
  if (data.size() == 2 && get16(data, 0) == kProtoPap) return AuthMethod::Pap;
  if (data.size() == 3 && get16(data, 0) == kProtoChap && get8(data, 2) == kChapMd5) {
    return AuthMethod::Chap;
  }
  return std::nullopt;
}
}  // namespace

const char* to_string(AuthMethod method) {
  switch (method) {
    case AuthMethod::None:
      return "none";
    case AuthMethod::Pap:
      return "pap";
    case AuthMethod::Chap:
      return "chap";
  }
  return "?";
}

Lcp::Lcp(core::TimerService& timers, LcpConfig config, Random random, Events& events)
    : config_(std::move(config)),
      random_(std::move(random)),
      events_(events),
      fsm_(timers, *this, config_.timing),
      echo_timer_(timers) {
  wanted_.accm_value = config_.accm;
  wanted_.pfc = config_.request_pfc;
  wanted_.acfc = config_.request_acfc;
  wanted_.mru = config_.request_mru;
  result_.magic = new_magic();
}

std::uint32_t Lcp::new_magic() {
  std::uint32_t magic = 0;
  while (magic == 0 || magic == result_.magic) magic = random_();
  return magic;
}

std::string Lcp::request_options() {
  std::string out;
  if (wanted_.mru != 0) append_option(out, kOptMru, be16(wanted_.mru));
  if (wanted_.accm) append_option(out, kOptAccm, be32(wanted_.accm_value));
  if (wanted_.auth_index < config_.auth.size()) {
    append_option(out, kOptAuth, auth_option_data(config_.auth[wanted_.auth_index]));
  }
  if (wanted_.magic) append_option(out, kOptMagic, be32(result_.magic));
  if (wanted_.pfc) append_option(out, kOptPfc, {});
  if (wanted_.acfc) append_option(out, kOptAcfc, {});
  return out;
}

bool Lcp::judge_option(const ConfigOption& option, std::string& nak, bool& reject) {
  const std::size_t n = option.data.size();
  switch (option.type) {
    case kOptMru: {
      if (n != 2) break;
      const std::uint16_t mru = get16(option.data, 0);
      if (mru >= config_.min_mru && mru <= config_.max_mru) return true;
      append_option(nak, kOptMru, be16(std::clamp(mru, config_.min_mru, config_.max_mru)));
      return false;
    }
    case kOptAccm:
      if (n == 4) return true;
      break;
    case kOptMagic: {
      if (n != 4) break;
      const std::uint32_t magic = get32(option.data, 0);
      // Zero is not a magic number; our own coming back means a looped-back line.
      if (magic != 0 && !(wanted_.magic && magic == result_.magic)) return true;
      append_option(nak, kOptMagic, be32(new_magic()));
      return false;
    }
    case kOptPfc:
    case kOptAcfc:
      if (n == 0) return true;
      break;
    default:  // Auth-Protocol (the module authenticates nobody to the host), Quality, others
      break;
  }
  reject = true;
  return false;
}

RequestVerdict Lcp::judge_request(std::string_view options, bool may_nak) {
  const auto parsed = parse_options(options);
  if (!parsed) return {code::kConfigureReject, std::string(options)};
  std::string naks;
  std::string rejects;
  for (const auto& option : *parsed) {
    std::string nak;
    bool reject = false;
    if (judge_option(option, nak, reject)) continue;
    if (reject || !may_nak) {
      append_option(rejects, option.type, option.data);
    } else {
      naks += nak;
    }
  }
  if (!rejects.empty()) return {code::kConfigureReject, rejects};
  if (!naks.empty()) return {code::kConfigureNak, naks};
  adopt_peer_options(options);
  return {code::kConfigureAck, std::string(options)};
}

void Lcp::adopt_peer_options(std::string_view options) {
  pending_ = LcpResult{};
  const auto parsed = parse_options(options);
  if (!parsed) return;
  for (const auto& option : *parsed) {
    switch (option.type) {
      case kOptMru:
        pending_.peer_mru = get16(option.data, 0);
        break;
      case kOptAccm:
        pending_.peer_accm = get32(option.data, 0);
        break;
      case kOptMagic:
        pending_.peer_magic = get32(option.data, 0);
        break;
      case kOptPfc:
        pending_.peer_pfc = true;
        break;
      case kOptAcfc:
        pending_.peer_acfc = true;
        break;
      default:
        break;
    }
  }
}

void Lcp::on_ack(std::string_view options) {
  (void)options;  // identical to what we sent (the automaton checked)
  result_.accm = wanted_.accm ? wanted_.accm_value : 0xFFFFFFFF;
  result_.auth = wanted_.auth_index < config_.auth.size() ? config_.auth[wanted_.auth_index]
                                                          : AuthMethod::None;
  if (!wanted_.magic) result_.magic = 0;
}

void Lcp::on_nak(std::string_view options) {
  const auto parsed = parse_options(options);
  if (!parsed) return;
  for (const auto& option : *parsed) {
    if (option.type == kOptAccm && option.data.size() == 4) {
      wanted_.accm_value |= get32(option.data, 0);
    } else if (option.type == kOptMru && option.data.size() == 2) {
      const std::uint16_t mru = get16(option.data, 0);
      wanted_.mru = mru >= config_.min_mru && mru <= config_.max_mru ? mru : 0;
    } else if (option.type == kOptMagic) {
      result_.magic = new_magic();
    } else if (option.type == kOptAuth) {
      nak_auth(option.data);
    }
  }
}

// The peer proposes another protocol: take it if we accept it too, else try our next one.
void Lcp::nak_auth(std::string_view data) {
  const auto proposed = auth_from_option(data);
  for (std::size_t i = 0; proposed && i < config_.auth.size(); ++i) {
    if (config_.auth[i] == *proposed) {
      wanted_.auth_index = i;
      return;
    }
  }
  if (wanted_.auth_index + 1 < config_.auth.size()) ++wanted_.auth_index;
}

void Lcp::on_reject(std::string_view options) {
  const auto parsed = parse_options(options);
  if (!parsed) return;
  for (const auto& option : *parsed) {
    switch (option.type) {
      case kOptMru:
        wanted_.mru = 0;
        break;
      case kOptAccm:
        wanted_.accm = false;
        break;
      case kOptAuth:
        wanted_.auth_index = config_.auth.size();
        break;
      case kOptMagic:
        wanted_.magic = false;
        break;
      case kOptPfc:
        wanted_.pfc = false;
        break;
      case kOptAcfc:
        wanted_.acfc = false;
        break;
      default:
        break;
    }
  }
}

void Lcp::layer_up() {
  result_.peer_mru = pending_.peer_mru;
  result_.peer_accm = pending_.peer_accm;
  result_.peer_pfc = pending_.peer_pfc;
  result_.peer_acfc = pending_.peer_acfc;
  result_.peer_magic = pending_.peer_magic;
  echoes_unanswered_ = 0;
  if (config_.echo_interval.count() > 0) {
    echo_timer_.start(config_.echo_interval, [this] { send_echo(); });
  }
  events_.lcp_up();
}

void Lcp::layer_down() {
  echo_timer_.cancel();
  events_.lcp_down();
}

FsmLayer::Extra Lcp::on_extra_code(const ControlPacket& packet, bool opened) {
  switch (packet.code) {
    case code::kProtocolReject: {
      if (packet.data.size() < 2) return Extra::Handled;
      const std::uint16_t protocol = get16(packet.data, 0);
      if (protocol == kProtoLcp) return Extra::RejectCatastrophic;
      events_.lcp_protocol_rejected(protocol);
      return Extra::RejectPermitted;
    }
    case code::kEchoRequest: {
      if (!opened || packet.data.size() < 4) return Extra::Handled;
      const std::uint32_t magic = get32(packet.data, 0);
      if (magic != 0 && magic == result_.magic) return Extra::Handled;  // our own, looped back
      std::string reply = be32(result_.magic);
      reply.append(packet.data.substr(4));
      events_.lcp_send(ControlPacket::build(code::kEchoReply, packet.id, reply));
      return Extra::Handled;
    }
    case code::kEchoReply:
      echoes_unanswered_ = 0;
      return Extra::Handled;
    case code::kDiscardRequest:
      return Extra::Handled;
    default:
      return Extra::Unknown;
  }
}

void Lcp::send_echo() {
  if (!fsm_.opened()) return;
  if (echoes_unanswered_ >= config_.echo_failures) return events_.lcp_echo_timeout();
  ++echoes_unanswered_;
  echo_timer_.start(config_.echo_interval, [this] { send_echo(); });
  events_.lcp_send(ControlPacket::build(code::kEchoRequest, fsm_.next_id(), be32(result_.magic)));
}

}  // namespace cellemu::net::ppp
