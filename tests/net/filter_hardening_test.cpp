// --allow / --deny for what comes in and for DNS (issue 14 item 6 and the DNS part of 9): the
// module's listeners and UDP services refuse peers the filter forbids (and count them), and the
// module's DNS does not answer names it could not connect to.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "emulator/core/manual_timer_service.h"
#include "net/socket_service.h"
#include "net/tcp_listener.h"
#include "net/udp_link.h"
#include "tests/support/loopback_servers.h"

namespace cellemu::net {
namespace {

// A socket bound to `source` (127.0.0.2 is as local as 127.0.0.1 on Linux).
int bound_socket(int type, const char* source) {
  const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  ::inet_pton(AF_INET, source, &addr.sin_addr);
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  return fd;
}

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  return to;
}

struct FilterRecorder : LinkHandler {
  void on_connected(Link&) override {}
  void on_connect_failed(Link&, NetError) override {}
  void on_data(Link&, std::string_view chunk, const std::string& from_ip, std::uint16_t) override {
    data += std::string(chunk) + "@" + from_ip + ";";
  }
  void on_closed(Link&, NetError) override {}
  bool on_accepted(Link&, std::shared_ptr<Link> c) override {
    accepted.push_back(c);
    c->set_handler(this);
    return true;
  }
  std::string data;
  std::vector<std::shared_ptr<Link>> accepted;
};

class FilterGapsTest : public ::testing::Test {
 protected:
  FilterGapsTest() {
    config.dns = NetConfig::DnsMode::Static;
    std::string error;
    EXPECT_TRUE(config.filter.allow("127.0.0.1/32", error)) << error;
  }
  bool poll_until(const std::function<bool()>& done) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!done()) {
      if (std::chrono::steady_clock::now() > until) return false;
      io.run_for(std::chrono::milliseconds(5));
      io.restart();
    }
    return true;
  }
  core::ManualTimerService timers;
  boost::asio::io_context io;
  NetConfig config;
  FilterRecorder rec;
};

TEST_F(FilterGapsTest, ListenerRefusesPeersTheFilterForbids) {
  SocketService sockets(io, timers, config);
  std::optional<NetError> error;
  auto link = sockets.listen({Protocol::Tcp, "127.0.0.1", 0, 0}, rec, error);
  ASSERT_FALSE(error);
  auto listener = std::dynamic_pointer_cast<TcpListener>(link);
  ASSERT_TRUE(listener);
  const sockaddr_in to = loopback(link->bound_port());
  const int stranger = bound_socket(SOCK_STREAM, "127.0.0.2");
  ASSERT_EQ(::connect(stranger, reinterpret_cast<const sockaddr*>(&to), sizeof to), 0);
  ASSERT_TRUE(poll_until([&] { return listener->refused() == 1; }));
  EXPECT_TRUE(rec.accepted.empty());
  char c = 0;
  EXPECT_LE(::read(stranger, &c, 1), 0);  // closed on it
  ::close(stranger);
  const int friendly = bound_socket(SOCK_STREAM, "127.0.0.1");
  ASSERT_EQ(::connect(friendly, reinterpret_cast<const sockaddr*>(&to), sizeof to), 0);
  ASSERT_TRUE(poll_until([&] { return rec.accepted.size() == 1; }));
  EXPECT_EQ(listener->refused(), 1u);
  ::close(friendly);
}

TEST_F(FilterGapsTest, UdpServiceDropsDatagramsFromForbiddenSenders) {
  SocketService sockets(io, timers, config);
  std::optional<NetError> error;
  auto link = sockets.listen({Protocol::Udp, "127.0.0.1", 0, 0}, rec, error);
  ASSERT_FALSE(error);
  auto service = std::dynamic_pointer_cast<UdpLink>(link);
  ASSERT_TRUE(service);
  const sockaddr_in to = loopback(link->bound_port());
  const int stranger = bound_socket(SOCK_DGRAM, "127.0.0.2");
  const int friendly = bound_socket(SOCK_DGRAM, "127.0.0.1");
  auto send = [&](int fd, std::string_view what) {
    ::sendto(fd, what.data(), what.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
  };
  send(stranger, "evil");
  send(friendly, "good");
  ASSERT_TRUE(poll_until([&] { return !rec.data.empty(); }));
  EXPECT_EQ(rec.data, "good@127.0.0.1;");
  EXPECT_EQ(service->refused(), 1u);
  // Replies go to the last allowed sender; an explicit forbidden destination is refused.
  EXPECT_FALSE(link->send_to("no", "127.0.0.2", 9));
  EXPECT_FALSE(link->send_to("no", "10.0.0.1", 9));
  EXPECT_EQ(service->refused(), 3u);
  EXPECT_TRUE(link->send("reply"));
  char buf[16] = {};
  ASSERT_TRUE(poll_until([&] { return ::recv(friendly, buf, sizeof buf, MSG_DONTWAIT) > 0; }));
  EXPECT_EQ(std::string(buf), "reply");
  ::close(stranger);
  ::close(friendly);
}

TEST_F(FilterGapsTest, DnsDoesNotAnswerWhatTheFilterForbids) {
  config.add_host("outside.example=10.9.9.9");
  config.add_host("inside.example=127.0.0.1");
  config.add_host("routed.example=10.9.9.8");
  config.routes.push_back(*Route::parse("routed.example=127.0.0.1:9000"));
  SocketService sockets(io, timers, config);
  std::string answers;
  for (const char* name : {"outside.example", "inside.example", "routed.example", "10.9.9.9"}) {
    sockets.lookup(name, [&answers, name](std::optional<NetError> e, Resolver::Addresses a) {
      answers += std::string(name) + "=" + (e ? "fail" : a.front().to_string()) + ";";
    });
  }
  ASSERT_TRUE(poll_until([&] { return std::count(answers.begin(), answers.end(), ';') == 4; }));
  EXPECT_EQ(answers,
            "outside.example=fail;inside.example=127.0.0.1;routed.example=10.9.9.8;"
            "10.9.9.9=fail;");
}

TEST_F(FilterGapsTest, ANameDeniedByNameIsNeverLookedUp) {
  std::string error;
  ASSERT_TRUE(config.filter.deny("*.exfil.example", error));
  config.dns = NetConfig::DnsMode::System;
  SocketService sockets(io, timers, config);
  bool asked = false;
  sockets.resolver().set_host_lookup([&asked](const std::string&, Resolver::Callback done) {
    asked = true;
    done(std::nullopt, {boost::asio::ip::make_address("127.0.0.1")});
  });
  std::optional<NetError> result;
  bool done = false;
  sockets.lookup("secret.exfil.example", [&](std::optional<NetError> e, Resolver::Addresses) {
    result = e;
    done = true;
  });
  ASSERT_TRUE(poll_until([&] { return done; }));
  EXPECT_TRUE(result);
  EXPECT_FALSE(asked);
}

}  // namespace
}  // namespace cellemu::net
