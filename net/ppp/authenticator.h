#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/timer_service.h"
#include "net/ppp/lcp.h"

namespace cellemu::net::ppp {

struct Credentials {
  std::string user;
  std::string secret;
};

// The authenticator side of PAP (RFC 1334) and CHAP with MD5 (RFC 1994).
struct AuthConfig {
  // Set: the peer must present exactly these (+CGAUTH user and password). Unset: any name and
  // password pass and are reported, as the module hands them to the network for the PDN
  // activation (services.md §6.3); CHAP can then check no secret.
  std::optional<Credentials> expected;
  // Our name in CHAP challenges.
  std::string name;
  // CHAP challenges are resent this often, PAP requests awaited this often, `attempts` times.
  core::Duration restart = std::chrono::seconds(3);
  int attempts = 10;
};

class Authenticator {
 public:
  class Events {
   public:
    virtual void auth_send(std::uint16_t protocol, const std::string& packet) = 0;
    // `peer`: the name (and, with PAP, the password) the host gave.
    virtual void auth_succeeded(const Credentials& peer) = 0;
    virtual void auth_failed() = 0;

   protected:
    ~Events() = default;
  };
  using Random = std::function<std::uint32_t()>;

  Authenticator(core::TimerService& timers, AuthConfig config, Random random, Events& events);

  // CHAP sends its challenge now; PAP waits for the peer's Authenticate-Request.
  void start(AuthMethod method);
  void stop();
  void receive(std::uint16_t protocol, std::string_view info);
  bool done() const { return state_ == State::Done; }

 private:
  enum class State { Idle, Waiting, Done, Failed };
  void receive_pap(std::string_view info);
  void receive_chap(std::string_view info);
  void send_challenge();
  void on_timeout();
  void fail();
  bool chap_response_ok(std::string_view value, const std::string& name) const;

  AuthConfig config_;
  Random random_;
  Events& events_;
  core::Timer timer_;
  AuthMethod method_ = AuthMethod::None;
  State state_ = State::Idle;
  int attempts_left_ = 0;
  std::uint8_t chap_id_ = 0;
  std::string challenge_;
  std::uint8_t answered_id_ = 0;  // the request or response our last verdict answered
  std::string last_verdict_;
};

}  // namespace cellemu::net::ppp
