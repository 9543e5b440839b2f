// The HTTP engine's session rules against real loopback servers: redirects, statuses, buffer
// policy, the §4.3 states, staged data, headers, deadlines, proxies and the real timing profile.
#include <gtest/gtest.h>

#include "tests/net/http_bench.h"
#include "tests/support/http_test_server.h"
#include "tests/support/loopback_servers.h"
#include "tests/support/module_pki.h"

namespace cellemu::net::http {
namespace {

using testing::HttpTestServer;
using testing::ModulePki;
using testing::Reply;
using testing::SeenRequest;

class HttpSessionTest : public HttpBench {};

// W-016: a redirect is reported as is, or followed with REDIR=1 (OQ-A32 rules).
TEST_F(HttpSessionTest, W016Redirects) {
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
TEST_F(HttpSessionTest, W017StatusAndW018Chunked) {
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

TEST_F(HttpSessionTest, NotHttpAndOverflowPolicy) {
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
TEST_F(HttpSessionTest, W020AndW021SessionStates) {
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
TEST_F(HttpSessionTest, TermAbandonsARunningAction) {
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
TEST_F(HttpSessionTest, W022StagedDataAndW023Clearing) {
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
TEST_F(HttpSessionTest, W024ExtraHeaders) {
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
TEST_F(HttpSessionTest, W026Timeout) {
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
TEST_F(HttpSessionTest, ProxyForPlainHttpOnly) {
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

// the profile's dns_failure time.
TEST_F(HttpSessionTest, ModuleLikeTiming) {
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
