#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>

#include "emulator/core/manual_timer_service.h"
#include "emulator/core/memory_channel.h"
#include "emulator/session/modem_session.h"

namespace cellemu::testing {

struct TranscriptOptions {
  std::string model = "air780ep";
  // Conformance-case default: ATE0 already applied, power-up output discarded.
  bool echo = false;
  bool keep_power_up_output = false;
  std::function<void(models::Profile&)> profile;
  std::function<void(session::SessionConfig&)> session;
  // The modem's network view; DNS is static (no host resolver) unless changed here.
  std::function<void(net::NetConfig&)> net;
};

// A modem on an in-memory serial line with a manual clock: the test plays the host and asserts
// exact bytes. Real sockets (loopback peers) run on `io`, which expect() polls.
class Transcript {
 public:
  explicit Transcript(TranscriptOptions options = {});
  ~Transcript();

  void send(std::string_view bytes);
  // Everything the modem said since the last expect must be exactly `bytes` (waits up to a real
  // deadline for asynchronous output to arrive).
  void expect(std::string_view bytes, std::chrono::milliseconds deadline = std::chrono::seconds(5));
  // send + expect.
  void exchange(std::string_view in, std::string_view out) {
    send(in);
    expect(out);
  }
  // Nothing more is said (after handlers already due have run).
  void expect_quiet();
  std::string take();
  // Moves the manual clock (fires due timers) and runs ready I/O handlers.
  void advance(core::Duration by);
  // Polls io until `done` returns true or the real deadline passes.
  bool poll_until(const std::function<bool()>& done,
                  std::chrono::milliseconds deadline = std::chrono::seconds(5));

  core::ManualTimerService timers;  // outlives io: handlers it destroys may own timers
  boost::asio::io_context io;
  std::shared_ptr<core::MemoryChannel> channel;
  std::unique_ptr<session::ModemSession> session;

  models::ModemBase& model() { return session->model(); }

 private:
  std::string seen_;
};

}  // namespace cellemu::testing
