// The Air780EP's HTTP(S) client, conformance cases W-001 ... W-015 (app-protocols-cases.md)
// against real loopback HTTP and HTTPS servers: exact bytes on the serial line and on the wire.
#include <gtest/gtest.h>

#include "models/air780ep/air780ep_model.h"
#include "tests/model/air780ep_http_bench.h"

namespace cellemu::testing::air780ep_http_test {
namespace air780ep_http_test_cases {

using air780ep_test::model;

TEST(Air780epHttp, W001_FullLuatGuideGetSession) {
  WebBench b;
  Transcript& t = b.t;
  t.exchange("AT+SAPBR=3,1,\"CONTYPE\",\"GPRS\"\r", "\r\nOK\r\n");
  t.exchange("AT+SAPBR=3,1,\"APN\",\"\"\r", "\r\nOK\r\n");
  t.exchange("AT+SAPBR=1,1\r", "\r\nOK\r\n");
  t.exchange("AT+SAPBR=2,1\r", "\r\n+SAPBR: 1,1,\"10.17.70.180\"\r\n\r\nOK\r\n");
  t.exchange("AT+HTTPINIT\r", "\r\nOK\r\n");
  t.exchange("AT+HTTPPARA=\"CID\",1\r", "\r\nOK\r\n");
  b.url("http://web.test:2900/download/hello.txt");
  b.action(0, "0,200,15");
  t.exchange("AT+HTTPREAD\r", "\r\n+HTTPREAD: 15\r\nHello LuatOS!!!\r\nOK\r\n");
  t.exchange("AT+HTTPTERM\r", "\r\nOK\r\n");
  ASSERT_EQ(b.web.requests().size(), 1u);
  // W-002: the request on the wire.
  EXPECT_EQ(b.web.requests()[0].raw,
            "GET /download/hello.txt HTTP/1.1\r\nHost: web.test:2900\r\nUser-Agent: "
            "AM_MODULE\r\nAccept: */*\r\n\r\n");
}

TEST(Air780epHttp, W002_SchemeLessUrlAndTheRequestOnTheWire) {
  WebBench b;
  b.ready();
  b.url("web.test");
  b.action(0, "0,200,2");
  ASSERT_EQ(b.web.requests().size(), 1u);
  EXPECT_EQ(b.web.requests()[0].raw,
            "GET / HTTP/1.1\r\nHost: web.test\r\nUser-Agent: AM_MODULE\r\nAccept: */*\r\n\r\n");
  // The module closes the connection after the body.
  EXPECT_TRUE(b.t.poll_until(
      [&] { return model(b.t).http().link()->state() != net::LinkState::Connected; }));
}

TEST(Air780epHttp, W003_FullPostSessionOverTls) {
  WebBench b;
  Transcript& t = b.t;
  t.exchange("AT+HTTPINIT\r", "\r\nOK\r\n");
  t.exchange("AT+HTTPPARA=\"URL\",https://iot-auth.test/auth/devicename\r", "\r\nOK\r\n");
  t.exchange("AT+HTTPPARA=\"USER_DEFINED\",\"Content-type: application/x-www-form-urlencoded\"\r",
             "\r\nOK\r\n");
  t.exchange("AT+HTTPDATA=112,20000\r", "\r\nDOWNLOAD\r\n");
  t.exchange(kAuthForm, "\r\nOK\r\n");
  b.action(1, "1,200,124");
  t.exchange("AT+HTTPREAD\r", std::string("\r\n+HTTPREAD: 124\r\n") + kAuthReply + "\r\nOK\r\n");
  t.exchange("AT+HTTPTERM\r", "\r\nOK\r\n");
  ASSERT_EQ(b.secure.requests().size(), 1u);
  EXPECT_EQ(b.secure.requests()[0].raw,
            std::string("POST /auth/devicename HTTP/1.1\r\nHost: iot-auth.test\r\nUser-Agent: "
                        "AM_MODULE\r\nAccept: */*\r\nContent-type: "
                        "application/x-www-form-urlencoded\r\nContent-Length: 112\r\n\r\n") +
                kAuthForm);
}

TEST(Air780epHttp, W004_DataAndActionWithEchoOn) {
  WebBench b(true);
  Transcript& t = b.t;
  t.exchange("AT+HTTPINIT\r", "AT+HTTPINIT\r\r\nOK\r\n");
  t.exchange("AT+HTTPPARA=\"URL\",https://iot-auth.test/auth/devicename\r",
             "AT+HTTPPARA=\"URL\",https://iot-auth.test/auth/devicename\r\r\nOK\r\n");
  t.exchange("AT+HTTPDATA=112,20000\r", "AT+HTTPDATA=112,20000\r\r\nDOWNLOAD\r\n");
  t.exchange(kAuthForm, "\r\nOK\r\n");  // the data is not echoed
  t.exchange("AT+HTTPACTION=1\r", "AT+HTTPACTION=1\r\r\nOK\r\n\r\n+HTTPACTION: 1,200,124\r\n");
}

TEST(Air780epHttp, W005_BinaryPostHttpsslDoesNotOverrideHttp) {
  WebBench b;
  b.ready();
  b.t.exchange("AT+HTTPSSL=1\r", "\r\nOK\r\n");
  b.url("http://web.test/post");
  b.t.exchange("AT+HTTPDATA=4,100000\r", "\r\nDOWNLOAD\r\n");
  b.t.exchange("\xD6\xD0\xB9\xFA", "\r\nOK\r\n");
  b.action(1, "1,200,2");
  ASSERT_EQ(b.web.requests().size(), 1u);
  EXPECT_EQ(b.secure.requests().size(), 0u);
  EXPECT_EQ(b.web.requests()[0].raw,
            "POST /post HTTP/1.1\r\nHost: web.test\r\nUser-Agent: AM_MODULE\r\nAccept: "
            "*/*\r\nContent-Length: 4\r\n\r\n\xD6\xD0\xB9\xFA");
}

void head_app_bin(WebBench& b) {
  b.url("http://web.test/app.bin");
  b.action(2, "2,200,0");
}

TEST(Air780epHttp, W006_HeadAndHttphead) {
  WebBench b;
  b.ready();
  head_app_bin(b);
  b.t.exchange("AT+HTTPHEAD\r", std::string("\r\n+HTTPHEAD: 247\r\n") + kAppHeader + "\r\nOK\r\n");
  b.t.exchange("AT+HTTPHEAD=?\r", "\r\nOK\r\n");
}

TEST(Air780epHttp, W007_RangedDownloadWithBreakAndBreakend) {
  WebBench b;
  b.ready();
  head_app_bin(b);
  b.t.exchange("AT+HTTPPARA=\"BREAK\",0\r", "\r\nOK\r\n");
  b.t.exchange("AT+HTTPPARA=\"BREAKEND\",3071\r", "\r\nOK\r\n");
  b.action(0, "0,206,3072");
  b.t.exchange("AT+HTTPREAD\r",
               "\r\n+HTTPREAD: 3072\r\n" + app_bin().substr(0, 3072) + "\r\nOK\r\n");
  b.t.exchange("AT+HTTPPARA=\"BREAK\",3072\r", "\r\nOK\r\n");
  b.t.exchange("AT+HTTPPARA=\"BREAKEND\",6143\r", "\r\nOK\r\n");
  b.action(0, "0,206,3072");
  const auto seen = b.web.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[1].header("Range"), "bytes=0-3071");
  EXPECT_EQ(seen[2].header("Range"), "bytes=3072-6143");
}

TEST(Air780epHttp, W008_BreakendBelowBreakIsOpenEnded) {
  WebBench b;
  b.ready();
  head_app_bin(b);
  b.t.exchange("AT+HTTPPARA=\"BREAK\",118784\r", "\r\nOK\r\n");
  b.t.exchange("AT+HTTPPARA=\"BREAKEND\",0\r", "\r\nOK\r\n");
  b.action(0, "0,206,561");
  EXPECT_EQ(b.web.requests().back().header("Range"), "bytes=118784-");
}

TEST(Air780epHttp, W009_HttpreadWithOffsetAndLength) {
  WebBench b;
  b.ready();
  b.url("http://web.test/sixteen");
  b.action(0, "0,200,16");
  b.t.exchange("AT+HTTPREAD=4,6\r", "\r\n+HTTPREAD: 6\r\n456789\r\nOK\r\n");
  b.t.exchange("AT+HTTPREAD=10,100\r", "\r\n+HTTPREAD: 6\r\nABCDEF\r\nOK\r\n");
  b.t.exchange("AT+HTTPREAD=16,1\r", "\r\n+HTTPREAD: 0\r\n\r\nOK\r\n");
  b.t.exchange("AT+HTTPREAD\r", "\r\n+HTTPREAD: 16\r\n0123456789ABCDEF\r\nOK\r\n");
  b.t.exchange("AT+HTTPREAD=0,4097\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epHttp, W010_HostNameDoesNotResolve) {
  WebBench b;
  b.ready();
  b.url("http://no.such.host.invalid/");
  b.action(0, "0,603,0");
  b.t.exchange("AT+HTTPREAD\r", "\r\n+HTTPREAD: 0\r\n\r\nOK\r\n");
}

TEST(Air780epHttp, W011_ConnectionRefused) {
  WebBench b;
  b.ready();
  b.url("http://web.test:1999/");
  b.action(0, "0,601,0");
}

TEST(Air780epHttp, W012_NetworkDropsThePdnDuringARequest) {
  WebBench b;
  b.t.exchange("AT+SAPBR=1,1\r", "\r\nOK\r\n");
  b.ready();
  b.url("http://web.test/hang");
  b.t.exchange("AT+HTTPACTION=0\r", "\r\nOK\r\n");
  ASSERT_TRUE(b.web.wait_requests(1));
  ASSERT_TRUE(model(b.t).pdn_lost());
  b.t.expect("\r\n+CGEV: NW PDN DEACT 1\r\n\r\n+SAPBR 1: DEACT\r\n\r\n+HTTPACTION: 0,601,0\r\n");
  b.t.exchange("AT+HTTPTERM\r", "\r\nOK\r\n");
  b.t.exchange("AT+SAPBR=0,1\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epHttp, W013_HttpsByUrlScheme) {
  WebBench b;
  b.ready();
  b.url("https://web.test/hello.txt");
  b.action(0, "0,200,15");
  b.t.exchange("AT+HTTPREAD\r", "\r\n+HTTPREAD: 15\r\nHello LuatOS!!!\r\nOK\r\n");
  EXPECT_EQ(b.secure.requests().size(), 1u);
  EXPECT_EQ(b.web.requests().size(), 0u);
}

TEST(Air780epHttp, W014_HttpsslMakesASchemeLessUrlSecure) {
  WebBench b;
  b.ready();
  b.t.exchange("AT+HTTPSSL=1\r", "\r\nOK\r\n");
  b.t.exchange("AT+HTTPSSL?\r", "\r\n+HTTPSSL: 1\r\n\r\nOK\r\n");
  b.t.exchange("AT+HTTPSSL=?\r", "\r\n+HTTPSSL: (0-1)\r\n\r\nOK\r\n");
  b.url("web.test/hello.txt");
  b.action(0, "0,200,15");
  EXPECT_EQ(b.secure.requests().size(), 1u);
  b.url("http://web.test/hello.txt");
  b.action(0, "0,200,15");
  EXPECT_EQ(b.web.requests().size(), 1u);
}

TEST(Air780epHttp, W015_HttpsCertificateVerificationFails) {
  WebBench b;
  b.upload("other.crt", ModulePki::get().other_ca.cert_pem());
  b.ready();
  b.t.exchange("AT+SSLCFG=\"cacert\",153,\"other.crt\"\r", "\r\nOK\r\n");
  b.t.exchange("AT+SSLCFG=\"seclevel\",153,1\r", "\r\nOK\r\n");
  b.url("https://web.test/hello.txt");
  b.action(0, "0,605,0");
}

}  // namespace air780ep_http_test_cases
}  // namespace cellemu::testing::air780ep_http_test
