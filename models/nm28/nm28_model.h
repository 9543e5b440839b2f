#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "models/common/modem_base.h"
#include "models/common/module_sockets.h"
#include "models/common/ssl_contexts.h"
#include "models/common/transparent_link.h"
#include "models/nm28/nm28_socket.h"

namespace cellemu::models::nm28 {

// Yuge NM28 (spec nm28.md): the common 27.007 layer plus the IPOPEN family of socket commands on
// the module's sockets 0..max_links-1.
class Nm28Model final : public ModemBase {
 public:
  explicit Nm28Model(ModelEnv env);
  ~Nm28Model() override;

  int socket_count() const { return static_cast<int>(sockets_.size()); }
  // nullptr when the id is missing or out of range.
  Nm28Socket* socket(std::optional<int> id);

  // A listener accepted a connection: the lowest INITIAL socket takes it, else it is refused.
  bool adopt_incoming(const Nm28Socket& listener, std::shared_ptr<net::Link> link);

  // The module sockets behind the NM28's numbers (output backpressure, status).
  ModuleSockets& links() { return links_; }
  // Transparent mode (access mode 2): on the socket the port is in data mode with, or was last
  // (ATO returns to it, OQ-55).
  TransparentLink& transparent() { return transparent_; }

  // Supplies the TLS of an SSL socket from its SSL context (the context with the socket's number,
  // S3 §3.2) for the host it opens. nullopt (or no provider): the open fails like a failed
  // handshake (+SSLOPEN: <id>,552, OQ-44). The model's own provider uses its AT+SSLCFG contexts.
  void set_tls_provider(ModuleSockets::TlsProvider provider) {
    links_.set_tls_provider(std::move(provider));
  }
  // AT+SSLCFG contexts 0-7 (nm28.md §3.4).
  SslContexts& ssl() { return ssl_; }

  void on_output_drained() override { links_.on_output_drained(); }
  void on_detach() override;

  // Faults (emulator/control). S3 documents no PDP event; the Quectel family NM28 mirrors reports
  // `+QIURC: "pdpdeact",<contextID>` (QA analogy), here `+IPURC: "pdpdeact",1` for the one
  // implicit context. The sockets lose their peers without a "closed" line each (as the Air780EP
  // does, OQ-40): open ones go to CLOSING (state 4, buffered data stays readable) until
  // AT+IPCLOSE, opens in progress fail with 566 (OQ-44); the next AT+IPOPEN brings the context
  // up again, as does a new attach (S3 has no bearer command, nm28.md §1).
  bool network_deactivate() override;
  std::shared_ptr<net::Link> link_by_id(int id) override;
  std::vector<LinkStatus> link_status() override;
  std::string ip_state() override;
  // AT+IPOPEN with network service: the implicit data context is up (again).
  void context_used() { context_lost_ = false; }
  at::Outcome resume_data_mode(at::CommandContext& ctx) override;

 protected:
  void on_reset() override;

 private:
  std::optional<at::Outcome> dispatch_vendor(at::CommandContext& ctx) override;
  // The default TlsProvider (ssl_commands.cpp).
  std::optional<net::OpenOptions> socket_tls(int ssl_ctx, const std::string& host,
                                             std::uint16_t port);

  // Declared first, destroyed last: the module sockets stop reporting before their events go.
  std::vector<std::unique_ptr<Nm28Socket>> sockets_;
  ModuleSockets links_;
  TransparentLink transparent_;
  bool context_lost_ = false;
  SslContexts ssl_;
};

}  // namespace cellemu::models::nm28
