// The HTTP engine (session + client) on the modem's socket layer against real loopback servers
// (plain and TLS, tests/support/http_test_server.h), with the manual clock. Engine halves of the
// W- cases of app-protocols-cases.md; web.test / iot-auth.test are routed to the test servers.
#include <gtest/gtest.h>

#include "emulator/core/manual_timer_service.h"
#include "net/http/session.h"
#include "net/link_connection.h"
#include "net/socket_service.h"
#include "tests/support/http_test_server.h"
#include "tests/support/loopback_servers.h"
#include "tests/support/module_pki.h"
#include "tls/tls_stream_factory.h"

namespace cellemu::net::http {
namespace {

using namespace std::chrono_literals;
using testing::HttpTestServer;
using testing::ModulePki;
using testing::Reply;
using testing::SeenRequest;

const std::string kHello = "Hello LuatOS!!!";

Request request(Method method, std::string url) {
  Request r;
  r.method = method;
  r.url = std::move(url);
  r.user_agent = "AM_MODULE";
  return r;
}

std::string file_of(std::size_t size) {
  std::string f;
  f.reserve(size);
  for (std::size_t i = 0; i < size; ++i) f += static_cast<char>((i * 7 + i / 253) & 0xFF);
  return f;
}

class HttpClientTest : public ::testing::Test {
 protected:
  HttpClientTest() { make_session({}); }
  void make_session(ClientConfig config) {
    session_.reset();
    session_ = std::make_unique<Session>(timers_, connection_, std::move(config));
    ASSERT_FALSE(session_->init());
  }
  // name:port (as the module sees it) goes to a test server.
  void route(const std::string& virtual_host, std::uint16_t real_port) {
    config_.routes.push_back(
        *Route::parse(virtual_host + "=127.0.0.1:" + std::to_string(real_port)));
  }
  bool poll_until(const std::function<bool()>& pred, std::chrono::milliseconds deadline = 10s) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (!pred()) {
      if (std::chrono::steady_clock::now() > until) return false;
      io_.run_for(2ms);
      io_.restart();
      timers_.run_due();
    }
    return true;
  }
  // Starts an action and waits for its outcome.
  Outcome act(Request r) {
    outcome_.reset();
    EXPECT_FALSE(session_->action(std::move(r), [this](const Outcome& o) { outcome_ = o; }));
    EXPECT_TRUE(poll_until([&] { return outcome_.has_value(); }));
    return outcome_.value_or(Outcome{});
  }
  std::string read() { return std::string(session_->read().data); }
  std::optional<Failure> failure_of(Request r) { return act(std::move(r)).failure; }
  TlsProvider verifying(const std::string& ca) {
    tls::TlsConfig cfg;
    cfg.verify = tls::Verify::Server;
    cfg.ca_pem = ca;
    std::string error;
    auto factory = tls::make_stream_factory(cfg, error);
    return [factory](const Endpoint&) {
      return std::optional<OpenOptions>(OpenOptions{.tls = factory});
    };
  }

  core::ManualTimerService timers_;
  boost::asio::io_context io_;
  NetConfig config_;
  SocketService sockets_{io_, timers_, config_};
  LinkConnection connection_{sockets_};
  std::unique_ptr<Session> session_;
  std::optional<Outcome> outcome_;
};

// W-001/W-002: the GET session and its exact request bytes.
TEST_F(HttpClientTest, W001GetAndW002RequestBytes) {
  HttpTestServer web([](const SeenRequest& r) {
    return Reply{HttpTestServer::response(200, r.target == "/" ? "ok" : kHello)};
  });
  route("web.test:2900", web.port());
  route("web.test:80", web.port());
  const Outcome o = act(request(Method::Get, "http://web.test:2900/download/hello.txt"));
  ASSERT_FALSE(o.failure);
  EXPECT_EQ(o.method, Method::Get);
  EXPECT_EQ(o.response.status, 200);
  EXPECT_EQ(o.response.body_length, 15u);
  EXPECT_EQ(read(), kHello);
  EXPECT_EQ(web.requests().at(0).raw,
            "GET /download/hello.txt HTTP/1.1\r\nHost: web.test:2900\r\nUser-Agent: AM_MODULE\r\n"
            "Accept: */*\r\n\r\n");
  EXPECT_EQ(act(request(Method::Get, "web.test")).response.body_length, 2u);
  EXPECT_EQ(web.requests().at(1).raw,
            "GET / HTTP/1.1\r\nHost: web.test\r\nUser-Agent: AM_MODULE\r\nAccept: */*\r\n\r\n");
  EXPECT_EQ(web.connections(), 2u);  // one connection per request
  EXPECT_FALSE(session_->term());
  EXPECT_EQ(session_->state(), SessionState::Off);
}

// W-003: the Aliyun POST over TLS with the staged data; W-022: staged data readable first.
TEST_F(HttpClientTest, W003PostOverTlsWithStagedData) {
  const std::string answer =
      "{\"code\":200,\"data\":{\"iotId\":\"2BGmgWFvoXlbi1Er9sk4k1hip0\",\"iotToken\":"
      "\"137eb0759ca248b79383a60c0b0e0f80\"},\"message\":\"success\"}";
  HttpTestServer auth(
      [&](const SeenRequest&) { return Reply{HttpTestServer::response(200, answer)}; },
      &ModulePki::get().server);
  route("iot-auth.test:443", auth.port());
  const std::string data =
      "productKey=k1hipglLdjU&sign=0f655b12adf519b9a7a2b0a990f398b6&clientId=868488076506128&"
      "deviceName=868488076506128";
  ASSERT_EQ(data.size(), 112u);
  ASSERT_FALSE(session_->set_post_data(data));
  EXPECT_EQ(read(), data);
  Request r = request(Method::Post, "https://iot-auth.test/auth/devicename");
  r.header_lines = {"Content-type: application/x-www-form-urlencoded"};
  const Outcome o = act(r);
  ASSERT_FALSE(o.failure) << describe(*o.failure);
  EXPECT_EQ(o.method, Method::Post);
  EXPECT_EQ(o.response.body_length, 124u);
  EXPECT_EQ(read(), answer);
  EXPECT_EQ(auth.requests().at(0).raw,
            "POST /auth/devicename HTTP/1.1\r\nHost: iot-auth.test\r\nUser-Agent: AM_MODULE\r\n"
            "Accept: */*\r\nContent-type: application/x-www-form-urlencoded\r\n"
            "Content-Length: 112\r\n\r\n" +
                data);
  act(r);  // the staged data is sent again until replaced (OQ-A28)
  EXPECT_EQ(auth.requests().at(1).body, data);
}

// W-005: an explicit http:// wins over HTTPSSL=1; W-014: a scheme-less URL then goes to 443.
TEST_F(HttpClientTest, W005AndW014SchemeRules) {
  HttpTestServer plain(
      [](const SeenRequest&) { return Reply{HttpTestServer::response(200, "ok")}; });
  HttpTestServer secure(
      [](const SeenRequest&) { return Reply{HttpTestServer::response(200, kHello)}; },
      &ModulePki::get().server);
  route("web.test:80", plain.port());
  route("web.test:443", secure.port());
  ASSERT_FALSE(session_->set_post_data("\xD6\xD0\xB9\xFA"));
  Request post = request(Method::Post, "http://web.test/post");
  post.default_https = true;
  EXPECT_EQ(act(post).response.body_length, 2u);
  EXPECT_EQ(plain.requests().at(0).raw,
            "POST /post HTTP/1.1\r\nHost: web.test\r\nUser-Agent: AM_MODULE\r\nAccept: */*\r\n"
            "Content-Length: 4\r\n\r\n\xD6\xD0\xB9\xFA");
  Request get = request(Method::Get, "web.test/hello.txt");
  get.default_https = true;
  EXPECT_EQ(act(get).response.body_length, 15u);
  EXPECT_EQ(secure.requests().size(), 1u);
}

const char* kAppHead =
    "HTTP/1.1 200 OK\r\nAccept-Ranges: bytes\r\nETag: W/\"119345-1710117624106\"\r\n"
    "Last-Modified: Mon, 11 Mar 2024 00:40:24 GMT\r\nContent-Type: application/octet-stream\r\n"
    "Content-Length: 119345\r\nDate: Mon, 22 Jul 2024 03:34:24 GMT\r\nKeep-Alive: timeout=20\r\n"
    "Connection: keep-alive\r\n\r\n";

// W-006: HEAD keeps the header for HTTPHEAD, length 0; W-007/W-008: ranges.
TEST_F(HttpClientTest, W006HeadAndW007Ranges) {
  const std::string app = file_of(119345);
  HttpTestServer web([&](const SeenRequest& r) {
    return r.method == "HEAD" ? Reply{kAppHead} : HttpTestServer::serve_file(app, r);
  });
  route("web.test:80", web.port());
  const Outcome head = act(request(Method::Head, "http://web.test/app.bin"));
  EXPECT_EQ(head.method, Method::Head);
  EXPECT_EQ(head.response.status, 200);
  EXPECT_EQ(head.response.body_length, 0u);
  EXPECT_EQ(session_->head().data.size(), 247u);
  EXPECT_EQ(session_->head().data.substr(0, 20), "Accept-Ranges: bytes");
  Request get = request(Method::Get, "http://web.test/app.bin");
  get.range = Range::from_break(0, 3071);
  Outcome o = act(get);
  EXPECT_EQ(o.response.status, 206);
  EXPECT_EQ(o.response.body_length, 3072u);
  EXPECT_EQ(read(), app.substr(0, 3072));
  get.range = Range::from_break(3072, 6143);
  EXPECT_EQ(act(get).response.body_length, 3072u);
  EXPECT_EQ(read(), app.substr(3072, 3072));
  get.range = Range::from_break(118784, 0);
  EXPECT_EQ(act(get).response.body_length, 561u);
  EXPECT_EQ(web.requests().at(1).header("Range"), "bytes=0-3071");
  EXPECT_EQ(web.requests().at(2).header("Range"), "bytes=3072-6143");
  EXPECT_EQ(web.requests().at(3).header("Range"), "bytes=118784-");
}

// W-009, W-019: reads with offsets, clipping, the 4 KB buffer.
TEST_F(HttpClientTest, W009ReadsAndW019Buffer) {
  const std::string big = file_of(10000);
  HttpTestServer web([&](const SeenRequest& r) {
    return Reply{HttpTestServer::response(200, r.target == "/big" ? big : "0123456789ABCDEF")};
  });
  route("web.test:80", web.port());
  EXPECT_EQ(act(request(Method::Get, "http://web.test/")).response.body_length, 16u);
  EXPECT_EQ(session_->read(4, 6).data, "456789");
  EXPECT_EQ(session_->read(10, 100).data, "ABCDEF");
  EXPECT_TRUE(session_->read(16, 1));
  EXPECT_EQ(session_->read(16, 1).data, "");
  EXPECT_EQ(session_->read().data, "0123456789ABCDEF");
  EXPECT_EQ(session_->read(0, 4097).refusal, Refusal::InvalidArgument);
  EXPECT_EQ(act(request(Method::Get, "http://web.test/big")).response.body_length, 10000u);
  EXPECT_EQ(read(), big.substr(0, 4096));
  EXPECT_EQ(session_->read(4096, 10).refusal, Refusal::InvalidArgument);
}

// A 1 MB download read in pieces: ranged GETs of 4 KB, each read back whole (LTH "断点续传").
TEST_F(HttpClientTest, MegabyteDownloadInRangedPieces) {
  const std::string file = file_of(1 << 20);
  HttpTestServer web([&](const SeenRequest& r) { return HttpTestServer::serve_file(file, r); });
  route("web.test:80", web.port());
  Request get = request(Method::Get, "http://web.test/firmware.bin");
  std::string got;
  while (got.size() < file.size()) {
    get.range = Range::from_break(got.size(), got.size() + 4095);
    const Outcome o = act(get);
    ASSERT_EQ(o.response.status, 206);
    ASSERT_EQ(o.response.body_length, 4096u);
    got += read();
  }
  EXPECT_TRUE(got == file);
  EXPECT_EQ(web.connections(), 256u);
}

// With the buffer knob raised (http_buffer 0 = unlimited in the model) one GET keeps it all and
// the host reads it in pieces.
TEST_F(HttpClientTest, MegabyteDownloadKeptWholeReadInPieces) {
  const std::string file = file_of(1 << 20);
  HttpTestServer web([&](const SeenRequest& r) { return HttpTestServer::serve_file(file, r); });
  route("web.test:80", web.port());
  ClientConfig config;
  config.body_keep = file.size();
  make_session(config);
  ASSERT_EQ(act(request(Method::Get, "http://web.test/firmware.bin")).response.body_length,
            file.size());
  std::string got;
  while (got.size() < file.size()) got += std::string(session_->read(got.size(), 1460).data);
  EXPECT_TRUE(got == file);
}

TEST_F(HttpClientTest, W010DnsW011RefusedW028BearerDown) {
  config_.dns = NetConfig::DnsMode::Static;
  EXPECT_EQ(failure_of(request(Method::Get, "http://no.such.host.invalid/")), Failure::Dns);
  EXPECT_EQ(read(), "");
  route("web.test:1999", testing::refused_port());
  EXPECT_EQ(failure_of(request(Method::Get, "http://web.test:1999/")), Failure::Network);
  Request closed = request(Method::Get, "http://web.test/");
  closed.bearer_open = false;
  EXPECT_EQ(failure_of(closed), Failure::BearerDown);
  EXPECT_EQ(failure_of(request(Method::Get, "ftp://web.test/")), Failure::BadUrl);
}

// W-012: the PDN goes while a request waits: the outcome comes at once, inside network_lost().
TEST_F(HttpClientTest, W012NetworkLossDuringARequest) {
  HttpTestServer web([](const SeenRequest&) { return Reply{"", 0ms, true}; });
  route("web.test:80", web.port());
  outcome_.reset();
  ASSERT_FALSE(session_->action(request(Method::Get, "http://web.test/slow"),
                                [this](const Outcome& o) { outcome_ = o; }));
  ASSERT_TRUE(poll_until([&] { return !web.requests().empty(); }));
  EXPECT_EQ(session_->state(), SessionState::Busy);
  session_->network_lost();
  ASSERT_TRUE(outcome_);
  EXPECT_EQ(outcome_->failure, Failure::BearerDown);
  EXPECT_EQ(session_->state(), SessionState::Ready);
}

// W-013: https by scheme without verification; W-015: verification against the wrong CA.
TEST_F(HttpClientTest, W013HttpsAndW015Verification) {
  HttpTestServer web(
      [](const SeenRequest&) { return Reply{HttpTestServer::response(200, kHello)}; },
      &ModulePki::get().server);
  route("web.test:443", web.port());
  EXPECT_EQ(act(request(Method::Get, "https://web.test/hello.txt")).response.body_length, 15u);
  EXPECT_EQ(read(), kHello);
  ClientConfig config;
  config.tls = verifying(ModulePki::get().other_ca.cert_pem());
  make_session(config);
  EXPECT_EQ(failure_of(request(Method::Get, "https://web.test/hello.txt")), Failure::TlsHandshake);
  config.tls = [](const Endpoint&) { return std::optional<OpenOptions>(); };  // no certificate file
  make_session(config);
  EXPECT_EQ(failure_of(request(Method::Get, "https://web.test/hello.txt")), Failure::TlsHandshake);
}

// A TLS stream that breaks after the handshake (606); a plain one cut short (601).
TEST_F(HttpClientTest, BrokenStreamsAfterTheHandshake) {
  const std::string partial = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc";
  HttpTestServer secure(
      [&](const SeenRequest&) {
        return Reply{partial, 0ms, false, "junk!"};
      },
      &ModulePki::get().server);
  HttpTestServer plain([&](const SeenRequest&) { return Reply{partial}; });
  route("web.test:443", secure.port());
  route("web.test:80", plain.port());
  EXPECT_EQ(failure_of(request(Method::Get, "https://web.test/")), Failure::TlsAlert);
  EXPECT_EQ(failure_of(request(Method::Get, "http://web.test/")), Failure::Network);
}

// W-016: a redirect is reported as is, or followed with REDIR=1 (OQ-A32 rules).
TEST_F(HttpClientTest, W016Redirects) {
  HttpTestServer secure(
      [](const SeenRequest&) { return Reply{HttpTestServer::response(200, "tls")}; },
      &ModulePki::get().server);
  HttpTestServer web([&](const SeenRequest& r) {
    if (r.target == "/old")
      return Reply{"HTTP/1.1 302 Found\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n"};
    if (r.target == "/see")
      return Reply{"HTTP/1.1 303 See Other\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n"};
    if (r.target == "/keep")
      return Reply{"HTTP/1.1 307 Temporary\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n"};
    if (r.target == "/tls")
      return Reply{
          "HTTP/1.1 301 Moved\r\nLocation: https://web.test/x\r\nContent-Length: 0\r\n\r\n"};
    if (r.target.rfind("/loop", 0) == 0) {
      const int n = std::stoi(r.target.substr(5));
      return Reply{"HTTP/1.1 302 Found\r\nLocation: /loop" + std::to_string(n + 1) +
                   "\r\nContent-Length: 4\r\n\r\nhop" + std::to_string(n % 10)};
    }
    return Reply{HttpTestServer::response(200, kHello)};
  });
  route("web.test:80", web.port());
  route("web.test:443", secure.port());
  Outcome o = act(request(Method::Get, "http://web.test/old"));
  EXPECT_EQ(o.response.status, 302);
  EXPECT_EQ(o.response.body_length, 0u);
  Request follow = request(Method::Get, "http://web.test/old");
  follow.follow_redirects = true;
  o = act(follow);
  EXPECT_EQ(o.response.status, 200);
  EXPECT_EQ(o.response.body_length, 15u);
  EXPECT_EQ(o.response.redirects, 1);
  ASSERT_FALSE(session_->set_post_data("body"));
  Request post = request(Method::Post, "http://web.test/see");
  post.follow_redirects = true;
  EXPECT_EQ(act(post).method, Method::Post);  // the action's method is reported
  EXPECT_EQ(web.requests().back().raw.substr(0, 9), "GET /new ");
  EXPECT_EQ(web.requests().back().body, "");
  post.url = "http://web.test/keep";
  act(post);
  EXPECT_EQ(web.requests().back().raw.substr(0, 10), "POST /new ");
  EXPECT_EQ(web.requests().back().body, "body");
  follow.url = "http://web.test/tls";
  EXPECT_EQ(act(follow).response.body_length, 3u);  // cross-scheme
  follow.url = "http://web.test/loop0";
  o = act(follow);
  EXPECT_EQ(o.response.status, 302);  // the 6th redirect is reported as is
  EXPECT_EQ(o.response.redirects, 5);
  EXPECT_EQ(read(), "hop5");
}

// W-017: error statuses pass through with their body; W-018: chunked bodies are decoded.
TEST_F(HttpClientTest, W017StatusAndW018Chunked) {
  HttpTestServer web([](const SeenRequest& r) {
    if (r.target == "/chunked") {
      return Reply{
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n6\r\n "
          "LuatO\r\n0\r\n\r\n"};
    }
    return Reply{"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found"};
  });
  route("web.test:80", web.port());
  Outcome o = act(request(Method::Get, "http://web.test/missing"));
  EXPECT_EQ(o.response.status, 404);
  EXPECT_EQ(o.response.body_length, 9u);
  EXPECT_EQ(read(), "not found");
  o = act(request(Method::Get, "http://web.test/chunked"));
  EXPECT_EQ(o.response.body_length, 11u);
  EXPECT_EQ(read(), "Hello LuatO");
}

TEST_F(HttpClientTest, NotHttpAndOverflowPolicy) {
  HttpTestServer web([](const SeenRequest& r) {
    if (r.target == "/ssh") return Reply{"SSH-2.0-OpenSSH_9.2\r\n"};
    return Reply{HttpTestServer::response(200, std::string(5000, 'x'))};
  });
  route("web.test:80", web.port());
  EXPECT_EQ(failure_of(request(Method::Get, "http://web.test/ssh")), Failure::NotHttp);
  ClientConfig config;
  config.overflow = OverflowPolicy::Fail;
  make_session(config);
  EXPECT_EQ(failure_of(request(Method::Get, "http://web.test/big")), Failure::NoMemory);
  EXPECT_EQ(read(), "");
}

// W-020/W-021: the legality of §4.3.
TEST_F(HttpClientTest, W020AndW021SessionStates) {
  Session off(timers_, connection_);
  EXPECT_EQ(off.action(request(Method::Get, "http://web.test/"), nullptr), Refusal::WrongState);
  EXPECT_EQ(off.term(), Refusal::WrongState);
  EXPECT_EQ(off.read().refusal, Refusal::WrongState);
  EXPECT_EQ(off.head().refusal, Refusal::WrongState);
  EXPECT_EQ(off.set_post_data("x"), Refusal::WrongState);
  EXPECT_FALSE(off.init());
  EXPECT_EQ(off.init(), Refusal::WrongState);
  EXPECT_EQ(off.action(request(Method::Get, ""), nullptr), Refusal::InvalidArgument);
  EXPECT_EQ(off.set_post_data(std::string(3357, 'x')), Refusal::InvalidArgument);
  HttpTestServer web([](const SeenRequest&) {
    return Reply{HttpTestServer::response(200, kHello), 300ms};
  });
  route("web.test:80", web.port());
  ASSERT_FALSE(session_->action(request(Method::Get, "http://web.test/slow"),
                                [this](const Outcome& o) { outcome_ = o; }));
  EXPECT_EQ(session_->action(request(Method::Get, "http://web.test/slow"), nullptr),
            Refusal::WrongState);
  EXPECT_EQ(session_->read().refusal, Refusal::WrongState);
  EXPECT_EQ(session_->set_post_data("x"), Refusal::WrongState);
  ASSERT_TRUE(poll_until([&] { return outcome_.has_value(); }));
  EXPECT_EQ(outcome_->response.body_length, 15u);
  EXPECT_EQ(web.connections(), 1u);
}

// HTTPTERM while busy abandons the request: no outcome.
TEST_F(HttpClientTest, TermAbandonsARunningAction) {
  HttpTestServer web([](const SeenRequest&) {
    return Reply{HttpTestServer::response(200, "x"), 100ms};
  });
  route("web.test:80", web.port());
  bool called = false;
  ASSERT_FALSE(session_->action(request(Method::Get, "http://web.test/"),
                                [&](const Outcome&) { called = true; }));
  ASSERT_TRUE(poll_until([&] { return !web.requests().empty(); }));
  EXPECT_FALSE(session_->term());
  poll_until([] { return false; }, 300ms);
  EXPECT_FALSE(called);
  EXPECT_EQ(session_->state(), SessionState::Off);
}

// W-022/W-023: staged data is what HTTPREAD shows until an action; empty data clears it.
TEST_F(HttpClientTest, W022StagedDataAndW023Clearing) {
  HttpTestServer web([](const SeenRequest&) { return Reply{HttpTestServer::response(200, "ok")}; });
  route("web.test:80", web.port());
  ASSERT_FALSE(session_->set_post_data("abc"));
  EXPECT_EQ(read(), "abc");
  EXPECT_EQ(act(request(Method::Post, "http://web.test/post")).response.body_length, 2u);
  EXPECT_EQ(web.requests().at(0).header("Content-Length"), "3");
  EXPECT_EQ(web.requests().at(0).body, "abc");
  EXPECT_EQ(read(), "ok");
  ASSERT_FALSE(session_->set_post_data(""));
  EXPECT_EQ(read(), "");
}

// W-024: extra header lines on the wire exactly as given.
TEST_F(HttpClientTest, W024ExtraHeaders) {
  HttpTestServer web([](const SeenRequest&) { return Reply{HttpTestServer::response(200, "ok")}; });
  route("web.test:80", web.port());
  Request r = request(Method::Get, "http://web.test/");
  r.header_lines = {"X-A: 1", "X-B: \"q\"", "Content-Type:application/json", "APPKEY:FW"};
  act(r);
  EXPECT_EQ(web.requests().at(0).raw,
            "GET / HTTP/1.1\r\nHost: web.test\r\nUser-Agent: AM_MODULE\r\nAccept: */*\r\nX-A: 1\r\n"
            "X-B: \"q\"\r\nContent-Type:application/json\r\nAPPKEY:FW\r\n\r\n");
}

// W-026: the TIMEOUT deadline runs on the emulated clock.
TEST_F(HttpClientTest, W026Timeout) {
  HttpTestServer web([](const SeenRequest&) { return Reply{"", 0ms, true}; });
  route("web.test:80", web.port());
  Request r = request(Method::Get, "http://web.test/hang");
  r.timeout = 5s;
  ASSERT_FALSE(session_->action(r, [this](const Outcome& o) { outcome_ = o; }));
  ASSERT_TRUE(poll_until([&] { return !web.requests().empty(); }));
  timers_.advance(4999ms);
  EXPECT_FALSE(outcome_);
  timers_.advance(1ms);
  ASSERT_TRUE(outcome_);
  EXPECT_EQ(outcome_->failure, Failure::Timeout);
}

// A plain-HTTP proxy gets the absolute form; HTTPS through it fails (OQ-A24).
TEST_F(HttpClientTest, ProxyForPlainHttpOnly) {
  HttpTestServer proxy(
      [](const SeenRequest&) { return Reply{HttpTestServer::response(200, "via")}; });
  Request r = request(Method::Get, "http://web.test:8080/a?b=1");
  r.proxy = Endpoint{"127.0.0.1", proxy.port()};
  EXPECT_EQ(act(r).response.body_length, 3u);
  EXPECT_EQ(proxy.requests().at(0).raw.substr(0, 46),
            "GET http://web.test:8080/a?b=1 HTTP/1.1\r\nHost:");
  r.url = "https://web.test/";
  EXPECT_EQ(failure_of(r), Failure::Network);
}

// §6 real timing: +HTTPACTION 300 ms after the response, 1.2 s more with TLS; DNS failures after
// the profile's dns_failure time.
TEST_F(HttpClientTest, ModuleLikeTiming) {
  HttpTestServer web([](const SeenRequest&) { return Reply{HttpTestServer::response(200, "ok")}; });
  HttpTestServer secure(
      [](const SeenRequest&) { return Reply{HttpTestServer::response(200, "ok")}; },
      &ModulePki::get().server);
  route("web.test:80", web.port());
  route("web.test:443", secure.port());
  ClientConfig config;
  config.timing = Timing::module_like(12s);
  make_session(config);
  ASSERT_FALSE(session_->action(request(Method::Get, "http://web.test/"),
                                [this](const Outcome& o) { outcome_ = o; }));
  ASSERT_TRUE(poll_until([&] { return !web.requests().empty(); }));
  poll_until([] { return false; }, 100ms);
  EXPECT_FALSE(outcome_);
  timers_.advance(299ms);
  EXPECT_FALSE(outcome_);
  timers_.advance(1ms);
  ASSERT_TRUE(outcome_);
  outcome_.reset();
  ASSERT_FALSE(session_->action(request(Method::Get, "https://web.test/"),
                                [this](const Outcome& o) { outcome_ = o; }));
  ASSERT_TRUE(poll_until([&] { return !secure.requests().empty(); }));
  poll_until([] { return false; }, 100ms);
  timers_.advance(1499ms);
  EXPECT_FALSE(outcome_);
  timers_.advance(1ms);
  EXPECT_TRUE(outcome_);
}

}  // namespace
}  // namespace cellemu::net::http
