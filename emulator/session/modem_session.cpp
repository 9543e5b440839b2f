#include "emulator/session/modem_session.h"

#include "emulator/session/network_options.h"
#include "models/model_factory.h"

namespace cellemu::session {

std::unique_ptr<ModemSession> ModemSession::create(boost::asio::io_context& io,
                                                   core::TimerService& timers,
                                                   std::shared_ptr<core::ByteChannel> channel,
                                                   SessionConfig config, std::string* error) {
  std::unique_ptr<fs::ModuleFs> files;
  if (config.fs_dir.empty()) {
    files = fs::ModuleFs::in_memory();
  } else {
    std::error_code ec;
    files = fs::ModuleFs::host_folder(config.fs_dir, ec);
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
  options.modem_name = config.name;
  if (config.profile.timing.real) options.response_delay = config.profile.timing.command;
  return options;
}
}  // namespace

ModemSession::ModemSession(boost::asio::io_context& io, core::TimerService& timers,
                           std::shared_ptr<core::ByteChannel> channel, SessionConfig config,
                           std::unique_ptr<fs::ModuleFs> files)
    : config_(std::move(config)),
      channel_(std::move(channel)),
      interp_(*channel_, timers, settings_, interpreter_options(config_)),
      sockets_(io, timers, *config_.net),
      fs_(std::move(files)) {
  model_ =
      models::make_model(models::ModelEnv{io, timers, interp_, sockets_, *fs_, config_.profile});
  if (model_) interp_.set_dispatcher(*model_);
}

void ModemSession::attach_network(boost::asio::io_context& io, core::TimerService& timers) {
  auto& net = config_.network;
  if (!net) net = network::Network::create(network_options_for(config_.profile));
  registration_ = net->attach(
      {config_.name, config_.profile.sms.msisdn, io.get_executor(), &timers, &model_->sms()});
  model_->sms().attach_network(registration_.get());
}

void ModemSession::on_input(std::string_view bytes) {
  if (drop_input_ > 0) {
    const std::size_t n = std::min(drop_input_, bytes.size());
    drop_input_ -= n;
    bytes.remove_prefix(n);
    if (bytes.empty()) return;
  }
  interp_.on_input(bytes);
}

void ModemSession::start() {
  if (started_) return;
  started_ = true;
  channel_->start(*this);
  model_->power_up();
}

ModemSession::~ModemSession() {
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
