#include "models/nm28/nm28_model.h"

#include <fmt/format.h>

#include "models/nm28/nm28_commands.h"
#include "models/nm28/socket_log.h"

namespace cellemu::models::nm28 {

Nm28Model::Nm28Model(ModelEnv env) : ModemBase(std::move(env)), ssl_(ssl_dialect()) {
  tls_ = [this](int ssl_ctx, const std::string& host, std::uint16_t port) {
    return socket_tls(ssl_ctx, host, port);
  };
  for (int id = 0; id < profile().max_links; ++id) {
    sockets_.push_back(std::make_unique<Nm28Socket>(*this, id));
  }
}

// The sockets go first: their links must stop reporting before the model they report to is gone.
Nm28Model::~Nm28Model() {
  sockets_.clear();
}

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

void Nm28Model::forget_transparent(int id) {
  if (transparent_id_ == id) transparent_id_.reset();
}

bool Nm28Model::in_data_mode_with(int id) const {
  return transparent_id_ == id && env_.at.in_data_mode();
}

// Design: when the host reads the serial line slower than peers send, the sockets stop reading
// (TCP flow control reaches the peers) until the backlog has drained; nothing is dropped.
void Nm28Model::check_output_backlog() {
  if (output_paused_ || at().responder().backlog() <= kOutputBacklogLimit) return;
  output_paused_ = true;
  for (auto& s : sockets_) s->pause(Nm28Socket::kOutputBacklog);
}

void Nm28Model::on_output_drained() {
  if (!output_paused_ || at().responder().backlog() > kOutputBacklogLimit) return;
  output_paused_ = false;
  for (auto& s : sockets_) s->resume(Nm28Socket::kOutputBacklog);
}

std::optional<net::OpenOptions> Nm28Model::tls_for(int ssl_ctx, const std::string& host,
                                                   std::uint16_t port) const {
  return tls_ ? tls_(ssl_ctx, host, port) : std::nullopt;
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
  Nm28Socket* s = socket(id);
  return s ? s->link() : nullptr;
}

std::vector<ModemBase::LinkStatus> Nm28Model::link_status() {
  static constexpr const char* kStates[] = {"INITIAL", "OPENING", "CONNECTED", "LISTENING",
                                            "CLOSING"};
  std::vector<LinkStatus> out;
  for (const auto& s : sockets_) {
    if (s->state() == SocketState::Initial) continue;
    LinkStatus st{.id = s->id(),
                  .protocol = std::string(s->ssl() ? "SSL" : service_type_name(s->type())),
                  .remote = fmt::format("{}:{}", s->remote_ip(), s->remote_port()),
                  .state = kStates[static_cast<int>(s->state())]};
    if (const auto& link = s->link()) {
      st.sent = link->bytes_sent();
      st.received = link->bytes_received();
      st.nat_lost = link->nat_lost();
    }
    out.push_back(std::move(st));
  }
  return out;
}

// The implicit data context (nm28.md §1): up whenever the module has packet service, down after
// a network deactivation until the next AT+IPOPEN or attach.
std::string Nm28Model::ip_state() {
  if (!radio().data_ready()) return "no service";
  return context_lost_ ? "deactivated" : "active";
}

// ATO: back into the last transparent socket while it is still open, else NO CARRIER (OQ-55).
at::Outcome Nm28Model::resume_data_mode(at::CommandContext& ctx) {
  Nm28Socket* s = socket(transparent_id_);
  if (!s || s->state() != SocketState::Connected || s->mode() != AccessMode::Transparent) {
    return at::Final::code(at::ResultCode::NoCarrier);
  }
  return s->enter_data_mode(ctx);
}

void Nm28Model::on_reset() {
  ssl_.reset();  // S3 is silent; like the Air780EP, no setting outlives a power cycle (S0 FAQ 4)
  for (auto& s : sockets_) {
    if (s->state() != SocketState::Initial) log_socket(*this, *s, "close", "reboot");
    s->close();
  }
  context_lost_ = false;
  transparent_id_.reset();
  output_paused_ = false;
}

}  // namespace cellemu::models::nm28
