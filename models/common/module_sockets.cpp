#include "models/common/module_sockets.h"

#include "emulator/core/logging.h"

namespace cellemu::models {

ModuleSocket& ModuleSockets::add(SocketEvents& events, ReceiveBuffer buffer) {
  sockets_.push_back(std::make_unique<ModuleSocket>(*this, count(), events, std::move(buffer)));
  return *sockets_.back();
}

std::optional<net::OpenOptions> ModuleSockets::tls_for(const ModuleSocket& socket) const {
  return tls_ ? tls_(socket.id(), socket.host(), socket.port()) : std::nullopt;
}

// The host reads the serial line slower than the peers send: the peers wait (TCP flow control)
// instead of anything being dropped.
void ModuleSockets::check_output() {
  if (output_paused_ || modem_.at().responder().backlog() <= kOutputLimit) return;
  output_paused_ = true;
  core::logger("sockets")->debug("serial backlog {} bytes: sockets paused",
                                 modem_.at().responder().backlog());
  for (auto& s : sockets_) s->pause(ModuleSocket::kPauseOutput);
}

void ModuleSockets::on_output_drained() {
  if (!output_paused_ || modem_.at().responder().backlog() > kOutputLimit) return;
  output_paused_ = false;
  core::logger("sockets")->debug("serial backlog drained: sockets resumed");
  for (auto& s : sockets_) s->resume(ModuleSocket::kPauseOutput);
}

std::shared_ptr<net::Link> ModuleSockets::link_by_id(int id) const {
  if (id < 0 || id >= count()) return nullptr;
  return at(id).shared_link();
}

std::vector<ModemBase::LinkStatus> ModuleSockets::link_status(
    const std::function<std::string(const ModuleSocket&)>& state_name) const {
  std::vector<ModemBase::LinkStatus> out;
  for (const auto& s : sockets_) {
    if (s->state() != ModuleSocket::State::Initial) out.push_back(s->status(state_name(*s)));
  }
  return out;
}

}  // namespace cellemu::models
