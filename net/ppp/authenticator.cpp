#include "net/ppp/authenticator.h"

#include <openssl/evp.h>

#include "net/ppp/control_packet.h"
#include "net/ppp/hdlc_encoder.h"
#include "net/ppp/wire.h"

namespace cellemu::net::ppp {
namespace {
constexpr std::uint8_t kPapRequest = 1;
constexpr std::uint8_t kPapAck = 2;
constexpr std::uint8_t kPapNak = 3;
constexpr std::uint8_t kChapChallenge = 1;
constexpr std::uint8_t kChapResponse = 2;
constexpr std::uint8_t kChapSuccess = 3;
constexpr std::uint8_t kChapFailure = 4;
constexpr std::size_t kChallengeSize = 16;

std::string md5(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_md5(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

// One length-prefixed field of a PAP request or CHAP packet; nullopt past the end.
std::optional<std::string_view> take_counted(std::string_view& data) {
  if (data.empty() || data.size() < 1u + get8(data, 0)) return std::nullopt;
  const std::string_view field = data.substr(1, get8(data, 0));
  data.remove_prefix(1 + field.size());
  return field;
}
}  // namespace

Authenticator::Authenticator(core::TimerService& timers, AuthConfig config, Random random,
                             Events& events)
    : config_(std::move(config)), random_(std::move(random)), events_(events), timer_(timers) {}

void Authenticator::start(AuthMethod method) {
  method_ = method;
  state_ = State::Waiting;
  attempts_left_ = config_.attempts;
  if (method == AuthMethod::Chap) return send_challenge();
  timer_.start(config_.restart, [this] { on_timeout(); });
}

void Authenticator::stop() {
  timer_.cancel();
  state_ = State::Idle;
}

void Authenticator::on_timeout() {
  if (state_ != State::Waiting) return;
  if (--attempts_left_ <= 0) return fail();
  if (method_ == AuthMethod::Chap) return send_challenge();
  timer_.start(config_.restart, [this] { on_timeout(); });
}

void Authenticator::fail() {
  timer_.cancel();
  state_ = State::Failed;
  events_.auth_failed();
}

void Authenticator::send_challenge() {
  challenge_.clear();
  for (std::size_t i = 0; i < kChallengeSize; i += 4) append32(challenge_, random_());
  ++chap_id_;
  std::string data;
  append8(data, static_cast<std::uint8_t>(challenge_.size()));
  data += challenge_;
  data += config_.name;
  timer_.start(config_.restart, [this] { on_timeout(); });
  events_.auth_send(kProtoChap, ControlPacket::build(kChapChallenge, chap_id_, data));
}

void Authenticator::receive(std::uint16_t protocol, std::string_view info) {
  if (protocol == kProtoPap && method_ == AuthMethod::Pap) return receive_pap(info);
  if (protocol == kProtoChap && method_ == AuthMethod::Chap) return receive_chap(info);
}

void Authenticator::receive_pap(std::string_view info) {
  const auto packet = ControlPacket::parse(info);
  if (!packet || packet->code != kPapRequest) return;
  if (state_ == State::Done) {  // our Ack was lost: the peer asks again
    if (packet->id == answered_id_) events_.auth_send(kProtoPap, last_verdict_);
    return;
  }
  if (state_ != State::Waiting) return;
  std::string_view data = packet->data;
  const auto user = take_counted(data);
  const auto password = user ? take_counted(data) : std::nullopt;
  if (!password) return;
  const Credentials peer{std::string(*user), std::string(*password)};
  const bool ok = !config_.expected ||
                  (peer.user == config_.expected->user && peer.secret == config_.expected->secret);
  answered_id_ = packet->id;
  last_verdict_ = ControlPacket::build(ok ? kPapAck : kPapNak, packet->id, std::string(1, '\0'));
  events_.auth_send(kProtoPap, last_verdict_);
  if (!ok) return fail();
  timer_.cancel();
  state_ = State::Done;
  events_.auth_succeeded(peer);
}

bool Authenticator::chap_response_ok(std::string_view value, const std::string& name) const {
  if (!config_.expected) return true;
  if (name != config_.expected->user) return false;
  std::string input(1, static_cast<char>(chap_id_));
  input += config_.expected->secret;
  input += challenge_;
  return value == md5(input);
}

void Authenticator::receive_chap(std::string_view info) {
  const auto packet = ControlPacket::parse(info);
  if (!packet || packet->code != kChapResponse || packet->id != chap_id_) return;
  if (state_ == State::Done) {
    events_.auth_send(kProtoChap, last_verdict_);
    return;
  }
  if (state_ != State::Waiting) return;
  std::string_view data = packet->data;
  const auto value = take_counted(data);
  if (!value) return;
  const std::string name(data);
  const bool ok = chap_response_ok(*value, name);
  last_verdict_ = ControlPacket::build(ok ? kChapSuccess : kChapFailure, chap_id_, {});
  events_.auth_send(kProtoChap, last_verdict_);
  if (!ok) return fail();
  timer_.cancel();
  state_ = State::Done;
  events_.auth_succeeded(Credentials{name, {}});
}

}  // namespace cellemu::net::ppp
