#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "emulator/core/timer_service.h"
#include "emulator/port/pty_port.h"
#include "emulator/port/symlink_guard.h"
#include "emulator/port/tcp_port.h"
#include "emulator/port/trace_log.h"
#include "emulator/replay/session_report.h"
#include "emulator/scenario/scenario_runner.h"
#include "emulator/session/modem_session.h"

namespace cellemu::app {

// What one modem of the process is made of, decided from the options.
struct ModemSpec {
  session::SessionConfig config;  // config.name: "modem0", ...
  std::string link;               // symlink path, or empty
  std::optional<port::ListenAddress> listen;
  core::Duration listen_idle{0};  // --listen-idle; zero: never
  std::string baud = "off";       // off | auto | N
  double time_scale = 1.0;
  std::vector<std::shared_ptr<port::TraceLog>> traces;
  std::shared_ptr<const scenario::Scenario> scenario;  // played on this modem, if set
  int index = 0;
  bool report = false;  // --report
};

// One running modem: its pty (and TCP port), the channel decorators on top of them and the
// session. The channel, from the session down:
//   TracingChannel (--trace) -> PacedChannel (--baud) -> ChannelMux (pty + TCP) or PtyPort
// so a trace shows what the modem said and heard, and pacing applies to every front end.
class ModemInstance {
 public:
  // nullptr (and `error` set) when a port, the link or the session cannot be made.
  static std::unique_ptr<ModemInstance> open(boost::asio::io_context& io,
                                             core::TimerService& timers, ModemSpec spec,
                                             std::string& error);
  ~ModemInstance();
  ModemInstance(const ModemInstance&) = delete;
  ModemInstance& operator=(const ModemInstance&) = delete;

  // The stdout line: "/dev/pts/3", or "/dev/pts/3 tcp://127.0.0.1:7000" with --listen.
  std::string stdout_line() const;
  std::size_t queued_output() const;
  const std::string& name() const { return name_; }
  const port::TcpPort* tcp() const { return tcp_.get(); }
  session::ModemSession& session() { return *session_; }
  // Ends and returns this modem's run report (--report); nullptr without one. Call with the
  // modem's thread stopped.
  replay::SessionReport* finish_report();

 private:
  ModemInstance() = default;

  std::string name_;
  port::SymlinkGuard link_;
  std::shared_ptr<port::PtyPort> pty_;
  std::shared_ptr<port::TcpPort> tcp_;
  std::shared_ptr<core::ByteChannel> channel_;
  std::unique_ptr<session::ModemSession> session_;
  std::unique_ptr<scenario::ScenarioRunner> scenario_;
  std::unique_ptr<replay::SessionReport> report_;
};

}  // namespace cellemu::app
