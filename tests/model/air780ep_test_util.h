// Shared set-up of the Air780EP TCP/IP transcript tests: routes from the addresses the cases use
// to loopback peers, and the usual ways into a state.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "models/air780ep/air780ep_model.h"
#include "tests/support/loopback_servers.h"
#include "tests/support/transcript.h"

namespace cellemu::testing::air780ep_test {

using namespace std::chrono_literals;

// The module's network view: "virtual[:port]=127.0.0.1:<port>" routes and "name=ip" entries.
struct NetView {
  std::vector<std::pair<std::string, std::uint16_t>> routes;
  std::vector<std::string> hosts;
};

inline TranscriptOptions options(NetView view = {},
                                 std::function<void(models::Profile&)> profile = {},
                                 bool echo = false) {
  TranscriptOptions o;
  o.echo = echo;
  o.profile = std::move(profile);
  o.net = [view](net::NetConfig& n) {
    for (const auto& [from, port] : view.routes) {
      auto route = net::Route::parse(from + "=127.0.0.1:" + std::to_string(port));
      ASSERT_TRUE(route) << from;
      n.routes.push_back(*route);
    }
    for (const auto& h : view.hosts) ASSERT_TRUE(n.add_host(h)) << h;
  };
  return o;
}

inline models::air780ep::Air780epModel& model(Transcript& t) {
  return static_cast<models::air780ep::Air780epModel&>(t.model());
}

// CSTT, CIICR, CIFSR: IP STATUS with the default address (S0 10.17.70.180).
inline void bring_up(Transcript& t) {
  t.exchange("AT+CSTT\r", "\r\nOK\r\n");
  t.exchange("AT+CIICR\r", "\r\nOK\r\n");
  t.exchange("AT+CIFSR\r", "\r\n10.17.70.180\r\n");
}

// Waits (real deadline, polling the modem) until the server has accepted `n` connections.
inline void await_connections(Transcript& t, TcpServer& server, std::size_t n) {
  ASSERT_TRUE(t.poll_until([&] { return server.connections() >= n; })) << "no connection";
}

// Waits until connection `conn` of the server has received `bytes` bytes.
inline void await_received(Transcript& t, TcpServer& server, std::size_t conn, std::size_t bytes) {
  ASSERT_TRUE(t.poll_until([&] { return server.received(conn).size() >= bytes; }))
      << "server got " << server.received(conn).size() << " of " << bytes;
}

// Single link: CIPSTART to 112.125.89.8:37076 (routed to `server`) and CONNECT OK.
inline void connect_single(Transcript& t, TcpServer& server, std::size_t conn = 0) {
  t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r",
             "\r\nOK\r\n"
             "\r\nCONNECT OK\r\n");
  await_connections(t, server, conn + 1);
}

// Multi link: CIPSTART=<id> to 60.166.12.210:7500 (routed to `server`) and "<id>, CONNECT OK".
inline void connect_multi(Transcript& t, TcpServer& server, int id, std::size_t conn) {
  const std::string n = std::to_string(id);
  t.exchange("AT+CIPSTART=" + n + ",\"TCP\",\"60.166.12.210\",7500\r",
             "\r\nOK\r\n"
             "\r\n" +
                 n + ", CONNECT OK\r\n");
  await_connections(t, server, conn + 1);
}

// Section D/E/F pre-condition: CIPQSEND=<qsend> set in IP INITIAL, context up, single link to
// 112.125.89.8:37076 (routed to `server`) in CONNECT OK.
inline void connected_single(Transcript& t, TcpServer& server, int qsend) {
  t.exchange("AT+CIPQSEND=" + std::to_string(qsend) + "\r", "\r\nOK\r\n");
  bring_up(t);
  connect_single(t, server);
}

// CIPMUX=1 (and CIPQSEND=<qsend>) in IP INITIAL, context up, links opened to 60.166.12.210:7500
// (routed to `server`) in the order given.
inline void connected_multi(Transcript& t, TcpServer& server, int qsend,
                            const std::vector<int>& ids) {
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPQSEND=" + std::to_string(qsend) + "\r", "\r\nOK\r\n");
  bring_up(t);
  for (std::size_t i = 0; i < ids.size(); ++i) connect_multi(t, server, ids[i], i);
}

// A listening socket whose accept queue is full: further SYNs are dropped, connects hang.
class SilentServer {
 public:
  SilentServer() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(listener_, 0);
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    for (int i = 0; i < 2; ++i) {  // fill the queue
      const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
      fillers_.push_back(fd);
    }
  }
  ~SilentServer() {
    for (int fd : fillers_) ::close(fd);
    ::close(listener_);
  }
  std::uint16_t port() const { return port_; }

 private:
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::vector<int> fillers_;
};

// Routes for the addresses the sections use to one loopback server.
inline NetView routed_to(std::uint16_t port) {
  return NetView{{{"112.125.89.8:37076", port}, {"60.166.12.210:7500", port}}, {}};
}

// The modem of most TCP/IP cases: an Air780EP (ATE0 applied) whose case addresses, single link
// 112.125.89.8:37076 and multi link 60.166.12.210:7500, reach `server`.
inline Transcript routed_modem(const TcpServer& server,
                               std::function<void(models::Profile&)> profile = {}) {
  return Transcript(options(routed_to(server.port()), std::move(profile)));
}

// AT+CIPSTATUS's six connection rows of a module with every connection INITIAL.
inline const std::string kInitialRows =
    "C: 0,,\"\",\"\",\"\",\"INITIAL\"\r\nC: 1,,\"\",\"\",\"\",\"INITIAL\"\r\n"
    "C: 2,,\"\",\"\",\"\",\"INITIAL\"\r\nC: 3,,\"\",\"\",\"\",\"INITIAL\"\r\n"
    "C: 4,,\"\",\"\",\"\",\"INITIAL\"\r\nC: 5,,\"\",\"\",\"\",\"INITIAL\"\r\n";

}  // namespace cellemu::testing::air780ep_test
