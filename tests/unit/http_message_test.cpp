// The HTTP engine's pieces without a network: URLs, the request bytes of app-protocols.md §4.5
// and the response parser (§4.6).
#include <gtest/gtest.h>

#include "net/http/request.h"
#include "net/http/response_parser.h"
#include "net/http/url.h"

namespace cellemu::net::http {
namespace {

using Progress = ResponseParser::Progress;

TEST(HttpUrl, SchemesPortsAndTargets) {
  EXPECT_EQ(parse_url("http://web.test:2900/download/hello.txt"),
            (Url{false, "web.test", 2900, "/download/hello.txt"}));
  EXPECT_EQ(parse_url("https://iot-auth.test/auth/devicename"),
            (Url{true, "iot-auth.test", 443, "/auth/devicename"}));
  EXPECT_EQ(parse_url("web.test"), (Url{false, "web.test", 80, "/"}));  // W-002, LTH
  EXPECT_EQ(parse_url("web.test/hello.txt", true), (Url{true, "web.test", 443, "/hello.txt"}));
  EXPECT_EQ(parse_url("http://web.test/post", true), (Url{false, "web.test", 80, "/post"}));
  EXPECT_EQ(parse_url("HTTP://Web.Test?q=1#frag"), (Url{false, "Web.Test", 80, "/?q=1"}));
  EXPECT_EQ(parse_url("http://user:pw@[::1]:8080/x"), (Url{false, "::1", 8080, "/x"}));
  EXPECT_FALSE(parse_url("ftp://web.test/"));
  EXPECT_FALSE(parse_url("http://:80/"));
  EXPECT_FALSE(parse_url("http://web.test:0/"));
  EXPECT_FALSE(parse_url("http://web.test:65536/"));
  EXPECT_FALSE(parse_url("http://web.test:8x/"));
  EXPECT_EQ(parse_url("http://web.test:2900/")->authority(), "web.test:2900");
  EXPECT_EQ(parse_url("https://web.test:443/")->authority(), "web.test");
  EXPECT_EQ(parse_url("http://[::1]:81/a")->absolute(), "http://[::1]:81/a");
}

TEST(HttpUrl, LocationForms) {
  const Url base{false, "web.test", 80, "/dir/old?x=1"};
  EXPECT_EQ(resolve_location(base, "/new"), (Url{false, "web.test", 80, "/new"}));
  EXPECT_EQ(resolve_location(base, "new"), (Url{false, "web.test", 80, "/dir/new"}));
  EXPECT_EQ(resolve_location(base, "?y=2"), (Url{false, "web.test", 80, "/dir/old?y=2"}));
  EXPECT_EQ(resolve_location(base, "//other.test/a"), (Url{false, "other.test", 80, "/a"}));
  EXPECT_EQ(resolve_location(base, "https://s.test:8443/b"), (Url{true, "s.test", 8443, "/b"}));
}

TEST(HttpRange, BreakAndBreakEnd) {
  EXPECT_FALSE(Range::from_break(0, 0));
  EXPECT_EQ(Range::from_break(0, 3071), (Range{0, 3071}));                 // W-007
  EXPECT_EQ(Range::from_break(118784, 0), (Range{118784, std::nullopt}));  // W-008
}

Request module_request(Method method, std::string url) {
  Request r;
  r.method = method;
  r.url = std::move(url);
  r.user_agent = "AM_MODULE";
  return r;
}

std::string wire(const Request& r) {
  return serialize(r, r.method, *parse_url(r.url, r.default_https), false);
}

TEST(HttpRequest, W002GetBytes) {
  EXPECT_EQ(wire(module_request(Method::Get, "http://web.test:2900/download/hello.txt")),
            "GET /download/hello.txt HTTP/1.1\r\nHost: web.test:2900\r\nUser-Agent: AM_MODULE\r\n"
            "Accept: */*\r\n\r\n");
  EXPECT_EQ(wire(module_request(Method::Get, "web.test")),
            "GET / HTTP/1.1\r\nHost: web.test\r\nUser-Agent: AM_MODULE\r\nAccept: */*\r\n\r\n");
}

TEST(HttpRequest, W003PostBytes) {
  Request r = module_request(Method::Post, "https://iot-auth.test/auth/devicename");
  r.header_lines = {"Content-type: application/x-www-form-urlencoded"};
  r.body = "productKey=k1hipglLdjU";
  EXPECT_EQ(wire(r),
            "POST /auth/devicename HTTP/1.1\r\nHost: iot-auth.test\r\nUser-Agent: AM_MODULE\r\n"
            "Accept: */*\r\nContent-type: application/x-www-form-urlencoded\r\n"
            "Content-Length: 22\r\n\r\nproductKey=k1hipglLdjU");
  r.content_type = "text/plain";
  r.header_lines.clear();
  r.body.clear();
  EXPECT_EQ(wire(r),
            "POST /auth/devicename HTTP/1.1\r\nHost: iot-auth.test\r\nUser-Agent: AM_MODULE\r\n"
            "Accept: */*\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n");
}

TEST(HttpRequest, W024HeaderLinesVerbatimAndW007Range) {
  Request r = module_request(Method::Get, "http://web.test/");
  r.header_lines = {"X-A: 1", "X-B: \"q\"", "Content-Type:application/json\r\nAPPKEY:FW"};
  r.content_type = "ignored/for-get";
  EXPECT_EQ(wire(r),
            "GET / HTTP/1.1\r\nHost: web.test\r\nUser-Agent: AM_MODULE\r\nAccept: */*\r\n"
            "X-A: 1\r\nX-B: \"q\"\r\nContent-Type:application/json\r\nAPPKEY:FW\r\n\r\n");
  r.header_lines = {"\r\n\r\nEvil: yes\r\n"};  // no empty line may end the header early
  r.range = Range{3072, 6143};
  EXPECT_EQ(wire(r),
            "GET / HTTP/1.1\r\nHost: web.test\r\nUser-Agent: AM_MODULE\r\nAccept: */*\r\n"
            "Range: bytes=3072-6143\r\nEvil: yes\r\n\r\n");
  r.method = Method::Head;
  EXPECT_EQ(wire(r).find("Range"), std::string::npos);  // GET only
  EXPECT_EQ(serialize(r, Method::Get, *parse_url("http://web.test/a"), true).substr(0, 30),
            "GET http://web.test/a HTTP/1.1");
}

// W-006's header: its fields are 247 bytes joined by CR LF (LTH's +HTTPHEAD: 247).
const char* kW006 =
    "HTTP/1.1 200 OK\r\nAccept-Ranges: bytes\r\nETag: W/\"119345-1710117624106\"\r\n"
    "Last-Modified: Mon, 11 Mar 2024 00:40:24 GMT\r\nContent-Type: application/octet-stream\r\n"
    "Content-Length: 119345\r\nDate: Mon, 22 Jul 2024 03:34:24 GMT\r\nKeep-Alive: timeout=20\r\n"
    "Connection: keep-alive\r\n\r\n";

TEST(HttpResponseParser, W006HeadKeepsTheHeaderBlockExactly) {
  ResponseParser p(4096, true);
  EXPECT_EQ(p.feed(kW006), Progress::Done);
  EXPECT_EQ(p.status(), 200);
  EXPECT_EQ(p.header_block().size(), 247u);
  EXPECT_EQ(p.header_block().substr(0, 23), "Accept-Ranges: bytes\r\nE");
  EXPECT_EQ(p.header_block().substr(p.header_block().size() - 22), "Connection: keep-alive");
  EXPECT_EQ(p.body_length(), 0u);
}

TEST(HttpResponseParser, W018ChunkedAtEveryBoundary) {
  const std::string reply =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n6\r\n LuatO\r\n0\r\n\r\n";
  for (std::size_t step = 1; step <= reply.size(); ++step) {
    ResponseParser p(4096, false);
    Progress last = Progress::NeedMore;
    for (std::size_t i = 0; i < reply.size(); i += step) last = p.feed(reply.substr(i, step));
    ASSERT_EQ(last, Progress::Done) << step;
    EXPECT_EQ(p.body(), "Hello LuatO");
    EXPECT_EQ(p.body_length(), 11u);
    EXPECT_EQ(p.header_block(), "Transfer-Encoding: chunked") << step;
  }
}

TEST(HttpResponseParser, W019KeepsTheFirst4096AndCountsAll) {
  ResponseParser p(4096, false);
  std::string body;
  for (int i = 0; i < 10000; ++i) body += static_cast<char>('a' + i % 26);
  EXPECT_EQ(p.feed("HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n" + body), Progress::Done);
  EXPECT_EQ(p.body_length(), 10000u);
  EXPECT_EQ(p.body(), body.substr(0, 4096));
  EXPECT_TRUE(p.overflowed());
}

TEST(HttpResponseParser, BodyToTheEndOfTheStream) {
  ResponseParser p(4096, false);
  EXPECT_EQ(p.feed("HTTP/1.0 200 OK\r\n\r\nabc"), Progress::NeedMore);
  EXPECT_EQ(p.feed("def"), Progress::NeedMore);
  EXPECT_EQ(p.feed_eof(), Progress::Done);
  EXPECT_EQ(p.body(), "abcdef");
  EXPECT_EQ(p.header_block(), "");
}

TEST(HttpResponseParser, RedirectLocationAndCutShortBodies) {
  ResponseParser r(4096, false);
  EXPECT_EQ(r.feed("HTTP/1.1 302 Found\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n"),
            Progress::Done);
  EXPECT_EQ(r.status(), 302);
  EXPECT_EQ(r.location(), "/new");
  ResponseParser cut(4096, false);
  EXPECT_EQ(cut.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"), Progress::NeedMore);
  EXPECT_EQ(cut.feed_eof(), Progress::NeedMore);  // cut short
  ResponseParser early(4096, false);
  EXPECT_EQ(early.feed("HTTP/1.1 200 OK\r\nConte"), Progress::NeedMore);
  EXPECT_EQ(early.feed_eof(), Progress::NeedMore);  // no header: the caller says what it was
  EXPECT_FALSE(early.got_header());
}

TEST(HttpResponseParser, NotHttpAndOversizedHeadersFail) {
  ResponseParser p(4096, false);
  EXPECT_EQ(p.feed("SSH-2.0-OpenSSH_9.2\r\n"), Progress::Failed);
  ResponseParser big(4096, false, 1024);
  EXPECT_EQ(big.feed("HTTP/1.1 200 OK\r\nX: " + std::string(5000, 'x')), Progress::Failed);
  EXPECT_LE(big.buffered(), 1024u + 4096u + 5100u);
  ResponseParser chunk(4096, false);
  EXPECT_EQ(chunk.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
            Progress::Failed);
}

}  // namespace
}  // namespace cellemu::net::http
