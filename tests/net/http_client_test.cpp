// The HTTP engine against real loopback servers (plain and TLS): requests, responses, TLS and
// failures. Engine halves of the W- cases of app-protocols-cases.md.
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

class HttpClientTest : public HttpBench {};

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

// §6 real timing: +HTTPACTION 300 ms after the response, 1.2 s more with TLS; DNS failures after

}  // namespace
}  // namespace cellemu::net::http
