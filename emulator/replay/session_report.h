#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/core/clock.h"
#include "emulator/session/modem_session.h"

namespace cellemu::replay {

// What a host exercised on one modem during a run (--report): every AT command and URC seen,
// with counts, the errors returned, the time spent in each IP state and the bytes each peer saw.
// Lives on the modem's thread; finish() before the session goes away, then read freely.
class SessionReport {
 public:
  SessionReport(session::ModemSession& modem, core::TimerService& timers);
  ~SessionReport() { *alive_ = false; }
  SessionReport(const SessionReport&) = delete;
  SessionReport& operator=(const SessionReport&) = delete;
  void finish();

  nlohmann::json to_json() const;
  std::string to_text() const;

  // "+CIPSTART=" for a set command, "+CPIN?" read, "+CSQ" exec, "+CMEE=?" test.
  static std::string command_key(const at::AtCommand& cmd);
  // "CONNECT OK", "+CEREG", "<n>, CLOSED", "+IPURC \"recv\"", "(data)" for bare payload.
  static std::string urc_key(std::string_view urc);

 private:
  struct CommandStats {
    std::uint64_t count = 0;
    std::map<std::string, std::uint64_t> errors;
  };
  void on_result(const at::AtCommand& cmd, const at::Final& result);
  void on_urc(std::string_view bytes);
  void sample_state();

  session::ModemSession* modem_;
  core::TimerService& timers_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  std::string name_;
  std::string model_;
  core::TimePoint started_;
  core::TimePoint ended_{};
  std::map<std::string, CommandStats> commands_;
  std::map<std::string, std::uint64_t> urcs_;
  std::uint64_t malformed_lines_ = 0;
  std::string state_;
  core::TimePoint state_since_;
  std::map<std::string, core::Duration> state_time_;
  std::shared_ptr<net::LinkJournal> journal_;
  std::vector<models::ModemBase::LinkStatus> live_links_;
  bool finished_ = false;
};

}  // namespace cellemu::replay
