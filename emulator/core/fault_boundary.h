#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace cellemu::core {

// Where work enters one modem: its serial line, its timers, its sockets and DNS answers, control
// requests. Anything a handler or callback throws inside is caught here, so it neither ends the
// io_context's run() nor touches the other modems of the shard: it is logged with the modem's
// name and handed to the recovery its session installed (the command in progress answers
// ERROR, as a module does on an internal failure). Shared by everything that may call into the
// modem later (timers, links), so a late callback never finds it gone.
class FaultBoundary {
 public:
  // `where`: what was running ("host input", "a timer"); `what`: the exception's message.
  using Recovery = std::function<void(std::string_view where, std::string_view what)>;

  explicit FaultBoundary(std::string owner) : owner_(std::move(owner)) {}
  FaultBoundary(const FaultBoundary&) = delete;
  FaultBoundary& operator=(const FaultBoundary&) = delete;

  void set_recovery(Recovery recovery) { recovery_ = std::move(recovery); }

  template <class Fn>
  void run(std::string_view where, Fn&& fn) noexcept {
    try {
      std::forward<Fn>(fn)();
    } catch (const std::exception& e) {
      contain(where, e.what());
    } catch (...) {
      contain(where, "an exception of unknown type");
    }
  }

  const std::string& owner() const { return owner_; }
  // Exceptions contained so far.
  std::uint64_t faults() const { return faults_; }

 private:
  void contain(std::string_view where, std::string_view what) noexcept;

  std::string owner_;
  Recovery recovery_;
  std::uint64_t faults_ = 0;
  bool recovering_ = false;
};

}  // namespace cellemu::core
