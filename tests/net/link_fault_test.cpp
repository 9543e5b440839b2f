// A model that throws from a socket event (issue 14 item 4): the link's loop goes on and the
// exception stays in the modem's fault boundary.
#include <stdexcept>

#include <gtest/gtest.h>

#include "emulator/core/manual_timer_service.h"
#include "net/socket_service.h"
#include "tests/support/loopback_servers.h"

namespace cellemu::net {
namespace {

struct ThrowingHandler : LinkHandler {
  void on_connected(Link&) override { throw std::runtime_error("on_connected fault"); }
  void on_connect_failed(Link&, NetError) override {}
  void on_data(Link&, std::string_view chunk, const std::string&, std::uint16_t) override {
    data += chunk;
    if (data.size() == chunk.size()) throw std::runtime_error("on_data fault");
  }
  void on_closed(Link&, NetError) override { closed = true; }
  std::string data;
  bool closed = false;
};

TEST(LinkFaults, HandlerExceptionsStayInTheModemBoundary) {
  testing::TcpServer server;
  core::ManualTimerService timers;
  boost::asio::io_context io;
  NetConfig config;
  config.dns = NetConfig::DnsMode::Static;
  auto boundary = std::make_shared<core::FaultBoundary>("modem0");
  SocketService sockets(io, timers, config, boundary);
  ThrowingHandler handler;
  auto link = sockets.open({Protocol::Tcp, "127.0.0.1", server.port()}, handler);
  auto poll_until = [&](const std::function<bool()>& done) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!done() && std::chrono::steady_clock::now() < until) {
      io.run_for(std::chrono::milliseconds(5));
      io.restart();
    }
    return done();
  };
  ASSERT_TRUE(poll_until([&] { return boundary->faults() == 1; }));
  ASSERT_TRUE(server.wait_connections(1));
  server.send(0, "first");
  ASSERT_TRUE(poll_until([&] { return boundary->faults() == 2; }));
  server.send(0, "second");
  ASSERT_TRUE(poll_until([&] { return handler.data == "firstsecond"; }));
  server.close(0);
  EXPECT_TRUE(poll_until([&] { return handler.closed; }));
  EXPECT_EQ(boundary->faults(), 2u);
}

TEST(LinkFaults, DnsAnswersReachTheModelInsideItsBoundary) {
  core::ManualTimerService timers;
  boost::asio::io_context io;
  NetConfig config;
  config.dns = NetConfig::DnsMode::Static;
  config.add_host("known.example=10.1.2.3");
  auto boundary = std::make_shared<core::FaultBoundary>("modem0");
  SocketService sockets(io, timers, config, boundary);
  sockets.lookup("known.example", [](std::optional<NetError>, Resolver::Addresses) {
    throw std::runtime_error("dns fault");
  });
  io.run_for(std::chrono::milliseconds(20));
  EXPECT_EQ(boundary->faults(), 1u);
}

}  // namespace
}  // namespace cellemu::net
