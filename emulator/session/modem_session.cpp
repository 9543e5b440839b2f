#include "emulator/session/modem_session.h"

#include <stdexcept>
#include "emulator/session/network_options.h"

#include "models/model_factory.h"

namespace cellemu::session {

std::unique_ptr<ModemSession> ModemSession::create(boost::asio::io_context& io,
                                                   core::TimerService& timers,
                                                   std::shared_ptr<core::ByteChannel> channel,
                                                   SessionConfig config, std::string* error) {
  std::unique_ptr<fs::ModuleFs> files;
  if (config.fs_dir.empty()) {
    files = fs::ModuleFs::in_memory(config.profile.file_system);
  } else {
    std::error_code ec;
    files = fs::ModuleFs::host_folder(config.fs_dir, ec, config.profile.file_system);
    if (!files) {
      if (error) *error = "--fs-dir " + config.fs_dir + ": " + ec.message();
      return nullptr;
    }
  }
  std::unique_ptr<ModemSession> session(
      new ModemSession(io, timers, std::move(channel), std::move(config), std::move(files)));
  if (!session->model_) {
    if (error) *error = "unknown model '" + session->config_.profile.name + "'";
    return nullptr;
  }
  session->attach_network(io, timers);
  return session;
}

namespace {
at::InterpreterOptions interpreter_options(const SessionConfig& config) {
  at::InterpreterOptions options = config.at;
  options.max_line_body = config.profile.max_command_line;
  options.cme_texts = config.profile.cme_texts;
  options.cms = {config.profile.cms_texts, config.profile.cms_text_under_cmee1};
  options.modem_name = config.name;
  options.urc_timing = config.profile.urc_timing;
  if (config.profile.timing.real) options.response_delay = config.profile.timing.command;
  return options;
}
}  // namespace

ModemSession::ModemSession(boost::asio::io_context& io, core::TimerService& timers,
                           std::shared_ptr<core::ByteChannel> channel, SessionConfig config,
                           std::unique_ptr<fs::ModuleFs> files)
    : config_(std::move(config)),
      boundary_(std::make_shared<core::FaultBoundary>(config_.name)),
      timers_(timers, boundary_),
      channel_(std::move(channel)),
      primary_out_(channel_.get()),
      interp_(primary_out_, timers_, settings_, interpreter_options(config_)),
      sockets_(io, timers_, *config_.net, boundary_),
      fs_(std::move(files)) {
  // The network exists before the model: the modem reads the network's time (+NITZ, +CCLK).
  if (!config_.network)
    config_.network = network::Network::create(network_options_for(config_.profile));
  models::ModelEnv env{
      io, timers_, interp_, sockets_, *fs_, config_.profile, config_.network->clock()};
  env.roots = config_.roots;
  model_ = models::make_model(std::move(env));
  if (model_) {
    interp_.set_dispatcher(*model_);
    model_->set_cmux_starter([this](std::size_t n1) { return start_cmux(n1); });
  }
  boundary_->set_recovery([this](std::string_view, std::string_view) { recover(); });
  if (!config_.test_throw_on.empty()) {
    interp_.add_line_observer([hook = config_.test_throw_on](std::string_view body) {
      if (body == hook) throw std::runtime_error("test fault hook (--test-throw-on " + hook + ")");
    });
  }
}

void ModemSession::attach_network(boost::asio::io_context& io, core::TimerService& timers) {
  registration_ = config_.network->attach(
      {config_.name, config_.profile.sms.msisdn, io.get_executor(), &timers, &model_->sms()});
  model_->sms().attach_network(registration_.get());
}

void ModemSession::on_input(std::string_view bytes) {
  if (model_ && !model_->powered()) return;  // switched off: no echo, no answer (services §4.2)
  if (model_) bytes = model_->sleep().on_input(bytes);  // a wake-up from sleep eats a line
  if (bytes.empty()) return;
  if (drop_input_ > 0) {
    const std::size_t n = std::min(drop_input_, bytes.size());
    drop_input_ -= n;
    bytes.remove_prefix(n);
    if (bytes.empty()) return;
  }
  if (cmux_ && cmux_->active()) {
    std::size_t used = 0;
    boundary_->run("host input", [&] { used = cmux_->on_input(bytes); });
    if (cmux_->active()) return;
    bytes.remove_prefix(std::min(used, bytes.size()));  // CMUX left: the rest is plain AT
  }
  boundary_->run("host input", [&] { interp_.on_input(bytes); });
  // A host that sends commands and never reads the answers (issue 14 item 1): the port stops
  // reading its input, as a UART with RTS/CTS would, until the answers have drained.
  if (channel_->queued_output() > kOutputLimit) {
    interp_.pause_input(at::AtInterpreter::kPauseOutput);
  }
}

void ModemSession::on_output_drained() {
  if (channel_->queued_output() <= core::ByteChannel::low_water()) {
    interp_.resume_input(at::AtInterpreter::kPauseOutput);
  }
  boundary_->run("an output drain", [&] {
    if (cmux_) cmux_->on_output_drained();
    model_->output_drained();
  });
}

bool ModemSession::start_cmux(std::size_t n1) {
  if (cmux_ && cmux_->active()) return false;
  if (!cmux_) {
    cmux_ = std::make_unique<CmuxPort>(CmuxPort::Env{*channel_, primary_out_, interp_, *model_,
                                                     timers_, *boundary_, interp_.options()});
  }
  interp_.when_idle([this, n1] { cmux_->begin(n1); });
  return true;
}

// The command the failure interrupted answers ERROR; the modem takes the next one.
void ModemSession::recover() {
  interp_.abort_command();
}

void ModemSession::start() {
  if (started_) return;
  started_ = true;
  channel_->start(*this);
  boundary_->run("power-up", [&] { model_->power_up(); });
}

ModemSession::~ModemSession() {
  boundary_->set_recovery(nullptr);  // timers and links may still hold the boundary
  cmux_.reset();
  if (model_) model_->sms().attach_network(nullptr);
  registration_.reset();
  model_.reset();  // closes its sockets while the engine they report to still exists
  stop();
}

void ModemSession::stop() {
  if (!started_) return;
  started_ = false;
  channel_->close();
}

}  // namespace cellemu::session
