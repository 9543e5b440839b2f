#pragma once

#include <memory>

#include "net/connection.h"
#include "net/link.h"
#include "net/socket_service.h"

namespace cellemu::net {

// A Connection on a TCP net::Link of the modem's SocketService: the adapter the engines use until
// the models' common module socket implements Connection itself.
class LinkConnection final : public Connection, private LinkHandler {
 public:
  explicit LinkConnection(SocketService& sockets) : sockets_(sockets) {}
  ~LinkConnection() override;
  LinkConnection(const LinkConnection&) = delete;
  LinkConnection& operator=(const LinkConnection&) = delete;

  void open(const Endpoint& to, const OpenOptions& options, ConnectionEvents& events) override;
  bool send(std::string bytes) override;
  void close(bool abort = false) override;
  void pause_reading() override;
  void resume_reading() override;
  bool connected() const override;
  std::size_t send_backlog() const override;
  bool secure() const override { return secure_; }
  std::string failure_detail() const override;

  // The link under the current connection (null before the first open): for link faults
  // (`ctl link ... close|reset|blackhole`), counters and the peer address the module reports.
  const std::shared_ptr<Link>& link() const { return link_; }

 private:
  void on_connected(Link& link) override;
  void on_connect_failed(Link& link, NetError error) override;
  void on_data(Link& link, std::string_view chunk, const std::string& from_ip,
               std::uint16_t from_port) override;
  void on_closed(Link& link, NetError reason) override;
  void on_writable(Link& link) override;
  void on_nat_lost(Link& link) override;
  bool current(const Link& link) const { return link_.get() == &link && events_ != nullptr; }

  SocketService& sockets_;
  std::shared_ptr<Link> link_;
  ConnectionEvents* events_ = nullptr;
  bool secure_ = false;
  bool paused_ = false;
};

}  // namespace cellemu::net
