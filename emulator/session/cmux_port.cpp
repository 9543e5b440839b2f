#include "emulator/session/cmux_port.h"

#include "emulator/core/logging.h"
#include "models/common/dialup.h"

namespace cellemu::session {

// One DLCI's AT terminal: the modem's own interpreter (DLCI 1) or one of its own.
struct CmuxPort::Terminal final : core::ByteChannel::Listener {
  Terminal(CmuxPort& owner, port::RoutedChannel& primary_out, at::AtInterpreter& primary)
      : owner(owner), out(&primary_out), at(&primary) {}
  Terminal(CmuxPort& owner, std::uint8_t dlci)
      : owner(owner),
        own_out(std::make_unique<port::RoutedChannel>(nullptr)),
        own_at(std::make_unique<at::AtInterpreter>(*own_out, owner.env_.timers, settings,
                                                   options(owner.env_.options, dlci))),
        out(own_out.get()),
        at(own_at.get()) {
    at->set_dispatcher(owner.env_.model);
  }
  static at::InterpreterOptions options(at::InterpreterOptions o, std::uint8_t dlci) {
    o.modem_name += "/DLCI" + std::to_string(dlci);
    return o;
  }
  void on_input(std::string_view bytes) override {
    owner.env_.boundary.run("CMUX input", [&] { at->on_input(bytes); });
  }
  void on_output_drained() override {
    owner.env_.boundary.run("a CMUX output drain", [&] { owner.env_.model.output_drained(); });
  }

  CmuxPort& owner;
  at::AtSettings settings;
  std::unique_ptr<port::RoutedChannel> own_out;
  std::unique_ptr<at::AtInterpreter> own_at;
  port::RoutedChannel* out;
  at::AtInterpreter* at;
  std::shared_ptr<port::CmuxChannel> channel;
};

CmuxPort::CmuxPort(Env env) : env_(std::move(env)) {}

CmuxPort::~CmuxPort() {
  mux_.reset();
  env_.primary_out.route_to(&env_.line);
}

CmuxPort::Terminal& CmuxPort::terminal(std::uint8_t dlci) {
  auto& t = terminals_[dlci];
  if (!t) {
    t = dlci == 1 ? std::make_unique<Terminal>(*this, env_.primary_out, env_.primary)
                  : std::make_unique<Terminal>(*this, dlci);
  }
  return *t;
}

void CmuxPort::begin(std::size_t n1) {
  start_settings_ = env_.primary.settings();
  port::CmuxConfig config;
  config.n1 = n1;
  config.max_dlci = static_cast<std::uint8_t>(terminals_.size() - 1);
  port::CmuxMultiplexer::Listener& listener = *this;
  mux_ = std::make_unique<port::CmuxMultiplexer>(env_.line, config, listener);
  // Until DLCI 1 opens, what the modem says has no channel to go to.
  env_.primary_out.route_to(nullptr);
  core::logger("at")->info("{}: CMUX started (N1 {})", env_.options.modem_name, n1);
}

std::size_t CmuxPort::on_input(std::string_view bytes) {
  if (!mux_) return 0;
  const std::size_t used = mux_->on_input(bytes);
  if (mux_->closed()) end();
  return used;
}

void CmuxPort::on_output_drained() {
  if (mux_) mux_->on_output_drained();
}

void CmuxPort::end() {
  mux_.reset();
  env_.primary_out.route_to(&env_.line);
  core::logger("at")->info("{}: CMUX left", env_.options.modem_name);
}

void CmuxPort::on_channel_opened(std::shared_ptr<port::CmuxChannel> channel) {
  const std::uint8_t dlci = channel->dlci();
  Terminal& t = terminal(dlci);
  if (dlci != 1) {
    t.at->reset();
    t.settings = start_settings_;
  }
  t.channel = std::move(channel);
  t.out->route_to(t.channel.get());
  t.channel->start(t);
}

// A call on the DLCI ends as on a DTR drop with &D2, without NO CARRIER: the channel is gone.
void CmuxPort::on_channel_closed(std::uint8_t dlci) {
  Terminal& t = terminal(dlci);
  env_.model.dialup().channel_closed(*t.at);
  t.out->route_to(nullptr);
  t.channel.reset();
  if (dlci != 1) t.at->reset();
}

}  // namespace cellemu::session
