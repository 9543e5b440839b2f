#pragma once

// An NM28 on an in-memory serial line whose network sends S3's server (139.159.199.233:46000) to
// a loopback TcpServer and knows www.baidu.com as S3 §2.9 shows it.
#include <functional>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "models/nm28/nm28_model.h"
#include "tests/support/loopback_servers.h"
#include "tests/support/transcript.h"

namespace cellemu::testing {

inline constexpr const char* kOpenSocket1 = "AT+IPOPEN=1,\"TCP\",\"139.159.199.233\",46000,0,0\r";

struct Nm28Options {
  bool echo = false;
  std::function<void(models::Profile&)> profile;
  std::function<void(net::NetConfig&)> net;
  std::function<void(session::SessionConfig&)> session;
};

class Nm28Transcript {
 public:
  explicit Nm28Transcript(Nm28Options options = {})
      : server(TcpServer::Mode::Sink),
        t(TranscriptOptions{.model = "nm28",
                            .echo = options.echo,
                            .profile = options.profile,
                            .session = options.session,
                            .net = [port = server.port(), extra = options.net](net::NetConfig& n) {
                              n.routes.push_back(*net::Route::parse(
                                  "139.159.199.233:46000=127.0.0.1:" + std::to_string(port)));
                              n.add_host("www.baidu.com=14.215.177.39,14.215.177.38");
                              if (extra) extra(n);
                            }}) {}

  models::nm28::Nm28Model& model() { return static_cast<models::nm28::Nm28Model&>(t.model()); }

  // "Socket 1 open" as conformance-cases.md defines it: N-001, access mode 1, nothing buffered.
  // The URC may follow the OK in the same poll of the loopback connect: both are expected together.
  void open_socket1() {
    t.exchange(kOpenSocket1, "\r\nOK\r\n\r\n+IPOPEN: 1,0\r\n");
    ASSERT_TRUE(server.wait_connections(1));
  }

  // Waits until socket `id` holds `bytes` for the host (for arrivals that print nothing).
  bool wait_buffered(int id, std::size_t bytes) {
    return t.poll_until([&] { return model().socket(id)->buffered() == bytes; });
  }

  TcpServer server;
  Transcript t;
};

}  // namespace cellemu::testing
