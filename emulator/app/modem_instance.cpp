#include "emulator/app/modem_instance.h"

#include <charconv>

#include <fmt/format.h>

#include "emulator/app/frame_annotator.h"
#include "emulator/port/channel_mux.h"
#include "emulator/port/paced_channel.h"
#include "emulator/port/tracing_channel.h"

namespace cellemu::app {
namespace {

port::PacedChannel::RateSource rate_source(const std::string& baud,
                                           const std::shared_ptr<port::PtyPort>& pty) {
  if (baud == "auto") {
    return [pty]() { return pty->host_baud(); };
  }
  unsigned n = 0;
  std::from_chars(baud.data(), baud.data() + baud.size(), n);
  return port::PacedChannel::fixed(n);
}

}  // namespace

std::unique_ptr<ModemInstance> ModemInstance::open(boost::asio::io_context& io,
                                                   core::TimerService& timers, ModemSpec spec,
                                                   std::string& error) {
  std::unique_ptr<ModemInstance> m(new ModemInstance());
  m->name_ = spec.config.name;
  std::error_code ec;
  m->pty_ = port::PtyPort::open(io, ec);
  if (!m->pty_) {
    error = fmt::format(
        "cannot open a pseudo-terminal: {} (is /dev/ptmx available? too many "
        "open files?)",
        ec.message());
    return nullptr;
  }
  if (!spec.link.empty()) {
    if (auto err = m->link_.create(spec.link, m->pty_->slave_path())) {
      error = fmt::format("cannot create link {} -> {}: {} (remove the file or pick another path)",
                          spec.link, m->pty_->slave_path(), err.message());
      return nullptr;
    }
  }
  std::shared_ptr<core::ByteChannel> channel = m->pty_;
  if (spec.listen) {
    m->tcp_ = port::TcpPort::open(io, *spec.listen, ec);
    if (!m->tcp_) {
      error = fmt::format("cannot listen on {}:{}: {}", spec.listen->host, spec.listen->port,
                          ec.message());
      return nullptr;
    }
    m->tcp_->set_idle_timeout(timers, spec.listen_idle);
    channel = std::make_shared<port::ChannelMux>(
        std::vector<std::shared_ptr<core::ByteChannel>>{m->pty_, m->tcp_});
  }
  if (spec.baud != "off") {
    channel = std::make_shared<port::PacedChannel>(channel, timers, rate_source(spec.baud, m->pty_),
                                                   spec.time_scale);
  }
  if (!spec.traces.empty()) {
    auto tracing = std::make_shared<port::TracingChannel>(
        channel, timers, m->name_, spec.traces, [] { return std::chrono::system_clock::now(); });
    auto rx = std::make_shared<FrameAnnotator>();
    auto tx = std::make_shared<FrameAnnotator>();
    tracing->set_annotators([rx](std::string_view b) { return rx->feed(b); },
                            [tx](std::string_view b) { return tx->feed(b); });
    channel = tracing;
  }
  m->channel_ = channel;
  m->session_ = session::ModemSession::create(io, timers, channel, std::move(spec.config), &error);
  if (!m->session_) return nullptr;
  // The report and the scenario reach into the modem from its timers: inside its boundary.
  core::TimerService& modem_timers = m->session_->timers();
  if (spec.report) {
    m->report_ = std::make_unique<replay::SessionReport>(*m->session_, modem_timers);
  }
  m->session_->start();
  if (spec.scenario) {
    m->scenario_ = std::make_unique<scenario::ScenarioRunner>(*m->session_, modem_timers,
                                                              *spec.scenario, spec.index);
    m->scenario_->start();
  }
  return m;
}

replay::SessionReport* ModemInstance::finish_report() {
  if (report_) report_->finish();
  return report_.get();
}

ModemInstance::~ModemInstance() {
  if (report_) report_->finish();
  scenario_.reset();
  session_.reset();  // closes the channel (and so the ports) while the link still exists
}

std::string ModemInstance::stdout_line() const {
  if (!tcp_) return pty_->slave_path();
  return pty_->slave_path() + " " + tcp_->describe();
}

std::size_t ModemInstance::queued_output() const {
  return channel_ ? channel_->queued_output() : 0;
}

}  // namespace cellemu::app
