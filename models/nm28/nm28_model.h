#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "models/common/modem_base.h"
#include "models/common/ssl_contexts.h"
#include "models/nm28/nm28_socket.h"

namespace cellemu::models::nm28 {

// Yuge NM28 (spec nm28.md): the common 27.007 layer plus the IPOPEN family of socket commands on
// the module's sockets 0..max_links-1.
class Nm28Model final : public ModemBase {
 public:
  // Output the host has not read yet beyond which sockets stop reading their peers.
  static constexpr std::size_t kOutputBacklogLimit = 64 * 1024;
  // Transparent uplink queued for a peer beyond which the port stops reading the host.
  static constexpr std::size_t kUplinkBacklogLimit = 64 * 1024;

  // Supplies the TLS of an SSL socket from its SSL context (the context with the socket's number,
  // S3 §3.2) for the host it opens. nullopt (or no provider): the open fails like a failed
  // handshake (+SSLOPEN: <id>,552, OQ-44). The model's own provider uses its AT+SSLCFG contexts.
  using TlsProvider = std::function<std::optional<net::OpenOptions>(
      int ssl_ctx, const std::string& host, std::uint16_t port)>;

  explicit Nm28Model(ModelEnv env);
  ~Nm28Model() override;

  int socket_count() const { return static_cast<int>(sockets_.size()); }
  // nullptr when the id is missing or out of range.
  Nm28Socket* socket(std::optional<int> id);

  // A listener accepted a connection: the lowest INITIAL socket takes it, else it is refused.
  bool adopt_incoming(const Nm28Socket& listener, std::shared_ptr<net::Link> link);

  // The socket whose transparent mode the port is in, or was in last (ATO returns to it, OQ-55).
  void set_transparent(int id) { transparent_id_ = id; }
  void forget_transparent(int id);
  bool in_data_mode_with(int id) const;

  // Output backpressure: pauses every socket while the host lags behind.
  void check_output_backlog();
  bool output_paused() const { return output_paused_; }

  void set_tls_provider(TlsProvider provider) { tls_ = std::move(provider); }
  std::optional<net::OpenOptions> tls_for(int ssl_ctx, const std::string& host,
                                          std::uint16_t port) const;
  // AT+SSLCFG contexts 0-7 (nm28.md §3.4).
  SslContexts& ssl() { return ssl_; }

  void on_output_drained() override;
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

  std::vector<std::unique_ptr<Nm28Socket>> sockets_;
  std::optional<int> transparent_id_;
  bool output_paused_ = false;
  bool context_lost_ = false;
  TlsProvider tls_;
  SslContexts ssl_;
};

}  // namespace cellemu::models::nm28
