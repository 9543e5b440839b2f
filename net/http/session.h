#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "net/http/client.h"

namespace cellemu::net::http {

// app-protocols.md §4.3: OFF before HTTPINIT and after HTTPTERM, READY, BUSY while an action
// runs. (The HTTPDATA window is the model's: it happens in READY.)
enum class SessionState { Off, Ready, Busy };

// The model words them (Air780EP: Error 3 for both, OQ-A25).
enum class Refusal { WrongState, InvalidArgument };

// What AT+HTTPREAD / AT+HTTPHEAD print: refused, or the bytes.
struct ReadResult {
  std::optional<Refusal> refusal;
  std::string_view data;
  explicit operator bool() const { return !refusal; }
};

struct SessionLimits {
  std::size_t post_data = 3356;  // HTTPDATA's largest size (LM HTTPDATA.md)
};

// The module's HTTP session: the legality of §4.3, the POST data staged by HTTPDATA (kept apart
// from the response and re-sent by every POST until replaced, OQ-A28), the last response, and
// the read rules of §4.4.5/§4.4.6. The model keeps the HTTPPARA values and builds each Request.
class Session {
 public:
  Session(core::TimerService& timers, Connection& connection, ClientConfig config = {},
          SessionLimits limits = {});

  std::optional<Refusal> init();  // HTTPINIT
  // HTTPTERM: back to OFF; a running action is abandoned without an outcome.
  std::optional<Refusal> term();
  // HTTPDATA (after its window): the POST body; empty clears it. HTTPREAD shows it until the
  // next action.
  std::optional<Refusal> set_post_data(std::string data);
  // HTTPACTION: READY only, a URL is needed. A POST carries the staged data; `done` gets the
  // outcome later (+HTTPACTION), when the session is READY again.
  std::optional<Refusal> action(Request request, Client::Done done);
  // HTTPREAD: what is held (the last response's kept body, or the staged POST data before an
  // action). Not consumed.
  ReadResult read() const;
  // HTTPREAD=<start>,<size>: start < buffer size, 1 <= size <= buffer size; clipped to what is
  // held, empty past the end.
  ReadResult read(std::size_t start, std::size_t size) const;
  // HTTPHEAD: the last response's header block (empty before any).
  ReadResult head() const;
  // The network dropped the bearer: a running action ends now with BearerDown.
  void network_lost() { client_.network_lost(); }

  SessionState state() const { return state_; }
  const std::optional<Outcome>& last_outcome() const { return last_; }
  const std::string& post_data() const { return post_data_; }
  const Client& client() const { return client_; }

 private:
  std::string_view held() const;

  Client client_;
  SessionLimits limits_;
  SessionState state_ = SessionState::Off;
  std::string post_data_;
  std::optional<Outcome> last_;
  bool showing_post_data_ = false;
};

}  // namespace cellemu::net::http
