// Shared set-up of the Air780EP TCP/IP transcript tests: routes from the addresses the cases use
// to loopback peers, and the usual ways into a state.
#pragma once

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

}  // namespace cellemu::testing::air780ep_test
