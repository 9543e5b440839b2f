#include "models/nm28/nm28_model.h"

#include <fmt/format.h>

#include "models/nm28/nm28_commands.h"

namespace cellemu::models::nm28 {

// Access mode 2 sends host bytes as they come and shares the socket's receive buffer (S3 is
// silent; nm28.md §3.9); what it kept becomes readable when the link ends (OQ-46).
Nm28Model::Nm28Model(ModelEnv env)
    : ModemBase(std::move(env)),
      links_(*this),
      transparent_(links_, TransparentPolicy{.held_limit = profile().socket_receive_buffer,
                                             .held_readable_after_end = true}),
      ssl_(ssl_dialect()) {
  links_.set_tls_provider([this](int ssl_ctx, const std::string& host, std::uint16_t port) {
    return socket_tls(ssl_ctx, host, port);
  });
  for (int id = 0; id < profile().max_links; ++id) {
    sockets_.push_back(std::make_unique<Nm28Socket>(*this, links_));
  }
}

Nm28Model::~Nm28Model() = default;

std::optional<at::Outcome> Nm28Model::dispatch_vendor(at::CommandContext& ctx) {
  return command_table().dispatch(*this, ctx);
}

Nm28Socket* Nm28Model::socket(std::optional<int> id) {
  if (!id || *id < 0 || *id >= socket_count()) return nullptr;
  return sockets_[static_cast<std::size_t>(*id)].get();
}

// An accepted connection takes the lowest free socket and is announced as
// "+IPURC: \"incoming\",<id>,<listener id>,\"<ip>\",<port>"; with none free it is closed after
// "+IPURC: \"incoming full\"". S3 documents no listener events: both lines follow the Quectel
// family NM28 mirrors (+QIURC: "incoming" / "incoming full", QA analogy) in NM28's +IPURC key.
bool Nm28Model::adopt_incoming(const Nm28Socket& listener, std::shared_ptr<net::Link> link) {
  for (auto& s : sockets_) {
    if (s->state() != SocketState::Initial) continue;
    const std::string ip = link->remote_ip();
    const std::uint16_t port = link->remote_port();
    s->adopt(std::move(link), listener);
    urc(fmt::format("+IPURC: \"incoming\",{},{},\"{}\",{}", s->id(), listener.id(), ip, port));
    return true;
  }
  urc("+IPURC: \"incoming full\"");
  return false;
}

// Detach or radio off: every socket loses its peer (nm28.md gives no event of its own; the
// sockets report what a peer close reports, opens in progress fail with 566). An LTE attach
// comes with its default bearer, so the next attach has the context up again.
void Nm28Model::on_detach() {
  for (auto& s : sockets_) s->drop();
  context_lost_ = false;
}

// The URC goes first: held while the port is in data mode, it follows the transparent socket's
// last bytes once that socket has taken the port out of data mode.
bool Nm28Model::network_deactivate() {
  if (!radio().data_ready() || context_lost_) return true;  // no context to take
  context_lost_ = true;
  urc("+IPURC: \"pdpdeact\",1");
  for (auto& s : sockets_) s->drop(false);
  return true;
}

std::shared_ptr<net::Link> Nm28Model::link_by_id(int id) {
  return links_.link_by_id(id);
}

std::vector<ModemBase::LinkStatus> Nm28Model::link_status() {
  static constexpr const char* kStates[] = {"INITIAL", "OPENING", "CONNECTED", "LISTENING",
                                            "CLOSING"};
  return links_.link_status([this](const ModuleSocket& s) {
    return std::string(kStates[static_cast<int>(socket(s.id())->state())]);
  });
}

// The implicit data context (nm28.md §1): up whenever the module has packet service, down after
// a network deactivation until the next AT+IPOPEN or attach.
std::string Nm28Model::ip_state() {
  if (!radio().data_ready()) return "no service";
  return context_lost_ ? "deactivated" : "active";
}

// ATO: back into the last transparent socket while it is still open, else NO CARRIER (OQ-55).
at::Outcome Nm28Model::resume_data_mode(at::CommandContext& ctx) {
  const ModuleSocket* last = transparent_.socket();
  Nm28Socket* s = last ? socket(last->id()) : nullptr;
  if (!s || s->state() != SocketState::Connected || s->mode() != AccessMode::Transparent) {
    return at::Final::code(at::ResultCode::NoCarrier);
  }
  return s->enter_data_mode(ctx);
}

void Nm28Model::on_reset() {
  ssl_.reset();  // S3 is silent; like the Air780EP, no setting outlives a power cycle (S0 FAQ 4)
  for (auto& s : sockets_) {
    if (s->state() != SocketState::Initial) s->log("close", "reboot");
    s->close();
  }
  context_lost_ = false;
  links_.reset_output();
}

}  // namespace cellemu::models::nm28
