// The Air780EP's HTTP session rules, conformance cases W-016 ... W-029 (app-protocols-cases.md):
// redirects, statuses, chunked and big bodies, legality, the HTTPDATA window, extra headers, the
// read-back and test forms, TIMEOUT and the SAPBR bearers.
#include <gtest/gtest.h>

#include "models/air780ep/air780ep_model.h"
#include "tests/model/air780ep_http_bench.h"
#include "tests/model/fault_util.h"

namespace cellemu::testing::air780ep_http_test {
namespace air780ep_http_session_test_cases {

using namespace std::chrono_literals;

TEST(Air780epHttp, W016_RedirectReportedThenFollowed) {
  WebBench b;
  b.ready();
  b.url("http://web.test/old");
  b.action(0, "0,302,0");
  b.t.exchange("AT+HTTPPARA=\"REDIR\",1\r", "\r\nOK\r\n");
  b.action(0, "0,200,15");
  EXPECT_EQ(b.web.requests().back().target, "/new");
}

TEST(Air780epHttp, W017_ErrorStatusWithBodyPassesThrough) {
  WebBench b;
  b.ready();
  b.url("http://web.test/missing");
  b.action(0, "0,404,9");
  b.t.exchange("AT+HTTPREAD\r", "\r\n+HTTPREAD: 9\r\nnot found\r\nOK\r\n");
}

TEST(Air780epHttp, W018_ChunkedResponseIsDechunked) {
  WebBench b;
  b.ready();
  b.url("http://web.test/chunked");
  b.action(0, "0,200,11");
  b.t.exchange("AT+HTTPREAD\r", "\r\n+HTTPREAD: 11\r\nHello LuatO\r\nOK\r\n");
}

TEST(Air780epHttp, W019_BodyLargerThanTheBuffer) {
  WebBench b;
  b.ready();
  b.url("http://web.test/big");
  b.action(0, "0,200,10000");
  b.t.exchange("AT+HTTPREAD\r", "\r\n+HTTPREAD: 4096\r\n" + std::string(4096, 'b') + "\r\nOK\r\n");
  b.t.exchange("AT+HTTPREAD=4096,10\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epHttp, W020_OutsideASessionDoubleInitMissingUrlBadValues) {
  WebBench b;
  Transcript& t = b.t;
  t.exchange("AT+HTTPPARA=\"URL\",\"http://web.test/\"\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+HTTPACTION=0\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+HTTPTERM\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+HTTPINIT\r", "\r\nOK\r\n");
  t.exchange("AT+HTTPINIT\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+HTTPACTION=0\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+HTTPACTION=3\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+HTTPPARA=\"FOO\",1\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+HTTPPARA=\"CID\",4\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CMEE=0\r", "\r\nOK\r\n");
  t.exchange("AT+HTTPINIT\r", "\r\nERROR\r\n");
  t.expect_quiet();
}

TEST(Air780epHttp, W021_ASecondActionWhileOneIsRunning) {
  WebBench b;
  b.ready();
  b.url("http://web.test/slow");
  b.t.exchange("AT+HTTPACTION=0\r", "\r\nOK\r\n");
  b.t.exchange("AT+HTTPACTION=0\r", "\r\n+CME ERROR: 3\r\n");
  b.t.exchange("AT+HTTPREAD\r", "\r\n+CME ERROR: 3\r\n");
  b.t.expect("\r\n+HTTPACTION: 0,200,15\r\n");
}

TEST(Air780epHttp, W022_HttpdataWindowExpires) {
  WebBench b;
  b.ready();
  b.url("http://web.test/post");
  b.t.exchange("AT+HTTPDATA=10,1000\r", "\r\nDOWNLOAD\r\n");
  b.t.send("abc");
  b.t.advance(999ms);
  b.t.expect_quiet();
  b.t.advance(1ms);
  b.t.expect("\r\nOK\r\n");
  b.t.exchange("AT+HTTPREAD\r", "\r\n+HTTPREAD: 3\r\nabc\r\nOK\r\n");
  b.action(1, "1,200,2");
  ASSERT_EQ(b.web.requests().size(), 1u);
  EXPECT_EQ(b.web.requests()[0].header("Content-Length"), "3");
  EXPECT_EQ(b.web.requests()[0].body, "abc");
}

TEST(Air780epHttp, W023_HttpdataLimitsClearingAndTestForm) {
  WebBench b;
  b.ready();
  b.t.exchange("AT+HTTPDATA=3357,10000\r", "\r\n+CME ERROR: 3\r\n");
  b.t.exchange("AT+HTTPDATA=10,999\r", "\r\n+CME ERROR: 3\r\n");
  b.t.exchange("AT+HTTPDATA=0,0\r", "\r\nOK\r\n");
  b.t.exchange("AT+HTTPREAD\r", "\r\n+HTTPREAD: 0\r\n\r\nOK\r\n");
  b.t.exchange("AT+HTTPDATA=?\r", "\r\n+HTTPDATA: (0-3356),(1000-120000)\r\n\r\nOK\r\n");
}

TEST(Air780epHttp, W024_ExtraHeaders) {
  WebBench b;
  b.ready();
  b.url("http://web.test/");
  b.t.exchange("AT+HTTPPARA=\"USER_DEFINED\",\"X-A: 1\"\r", "\r\nOK\r\n");
  b.t.exchange("AT+HTTPPARA=\"USER_DEFINED\",\"X-B: \\22q\\22\"\r", "\r\nOK\r\n");
  b.t.exchange("AT+HTTPPARA=\"USERDATA\",\"Content-Type:application/json\\r\\nAPPKEY:FW\"\r",
               "\r\nOK\r\n");
  b.action(0, "0,200,2");
  ASSERT_EQ(b.web.requests().size(), 1u);
  EXPECT_EQ(b.web.requests()[0].raw,
            "GET / HTTP/1.1\r\nHost: web.test\r\nUser-Agent: AM_MODULE\r\nAccept: */*\r\nX-A: "
            "1\r\nX-B: \"q\"\r\nContent-Type:application/json\r\nAPPKEY:FW\r\n\r\n");
}

TEST(Air780epHttp, W025_HttpparaReadAndTestForms) {
  WebBench b;
  b.ready();
  b.url("http://web.test/");
  b.t.exchange("AT+HTTPPARA?\r",
               "\r\n+HTTPPARA: \r\nCID: 1\r\nURL: http://web.test/\r\nUA: AM_MODULE\r\nPROIP: "
               "0.0.0.0\r\nPROPORT: 0\r\nREDIR: 0\r\nBREAK: 0\r\nBREAKEND: 0\r\nTIMEOUT: "
               "120\r\nCONTENT: \r\nUSERDATA: \r\n\r\nOK\r\n");
  b.t.exchange("AT+HTTPPARA=?\r",
               "\r\n+HTTPPARA: \"HTTPParamTag\",\"HTTPParamValue\"\r\n\r\nOK\r\n");
}

TEST(Air780epHttp, W026_TimeoutExpires) {
  WebBench b;
  b.ready();
  b.t.exchange("AT+HTTPPARA=\"TIMEOUT\",5\r", "\r\nOK\r\n");
  b.url("http://web.test/hang");
  b.t.exchange("AT+HTTPACTION=0\r", "\r\nOK\r\n");
  ASSERT_TRUE(b.web.wait_requests(1));
  b.t.advance(4999ms);
  b.t.expect_quiet();
  b.t.advance(1ms);
  b.t.expect("\r\n+HTTPACTION: 0,601,0\r\n");
}

TEST(Air780epHttp, W027_TestFormsAndNoHttpstatus) {
  WebBench b;
  b.t.exchange("AT+HTTPINIT=?\r", "\r\nOK\r\n");
  b.t.exchange("AT+HTTPTERM=?\r", "\r\nOK\r\n");
  b.t.exchange("AT+HTTPACTION=?\r", "\r\n+HTTPACTION: (0-2)\r\n\r\nOK\r\n");
  b.t.exchange("AT+HTTPREAD=?\r", "\r\n+HTTPREAD: (0-4095),(1-4096)\r\n\r\nOK\r\n");
  b.t.exchange("AT+HTTPSTATUS?\r", "\r\nERROR\r\n");
}

TEST(Air780epHttp, W028_NoSapbrNeededClosingBearer1Fails) {
  WebBench b;
  b.ready();
  b.url("http://web.test/hello.txt");
  b.action(0, "0,200,15");
  b.t.exchange("AT+SAPBR=0,1\r", "\r\nOK\r\n");
  b.action(0, "0,601,0");
  b.t.exchange("AT+SAPBR=1,1\r", "\r\nOK\r\n");
  b.action(0, "0,200,15");
  EXPECT_EQ(b.web.requests().size(), 2u);
}

TEST(Air780epHttp, W029_SapbrReadBackSecondBearerTestForm) {
  WebBench b;
  Transcript& t = b.t;
  t.exchange("AT+SAPBR=?\r",
             "\r\n+SAPBR: (0-4),(1-3),\"ConParamTag\",\"ConParamValue\"\r\n\r\nOK\r\n");
  t.exchange("AT+SAPBR=3,2,\"APN\",\"cmiot\"\r", "\r\nOK\r\n");
  t.exchange("AT+SAPBR=2,2\r", "\r\n+SAPBR: 2,3,\"0.0.0.0\"\r\n\r\nOK\r\n");
  t.exchange("AT+SAPBR=4,2\r",
             "\r\n+SAPBR: \r\nCONTYPE: GPRS\r\nAPN: cmiot\r\nPHONENUM: \r\nUSER: \r\nPWD: "
             "\r\nRATE: 2\r\n\r\nOK\r\n");
  t.exchange("AT+SAPBR=2,4\r", "\r\n+CME ERROR: 3\r\n");
}

// HTTPTERM while a request runs abandons it: OK and no URC (§4.3); HTTPPARA is back to its
// defaults, HTTPSSL is kept.
TEST(Air780epHttp, TermWhileBusyAbandonsTheRequest) {
  WebBench b;
  b.ready();
  b.t.exchange("AT+HTTPSSL=1\r", "\r\nOK\r\n");
  b.url("http://web.test/hang");
  b.t.exchange("AT+HTTPACTION=0\r", "\r\nOK\r\n");
  ASSERT_TRUE(b.web.wait_requests(1));
  b.t.exchange("AT+HTTPTERM\r", "\r\nOK\r\n");
  b.t.advance(130s);
  b.t.expect_quiet();
  b.ready();
  b.t.exchange("AT+HTTPSSL?\r", "\r\n+HTTPSSL: 1\r\n\r\nOK\r\n");
  b.t.exchange("AT+HTTPACTION=0\r", "\r\n+CME ERROR: 3\r\n");  // no URL any more
}

// The request's connection is link 6 for `cellemu ctl` (§2.3 "id 6 notionally"): status shows
// it, and a link fault reaches it like a CIPSTART link (a reset is a network error, 601).
TEST(Air780epHttp, RequestLinkInStatusAndLinkFaults) {
  WebBench b;
  b.ready();
  b.url("http://web.test/hang");
  b.t.exchange("AT+HTTPACTION=0\r", "\r\nOK\r\n");
  ASSERT_TRUE(b.web.wait_requests(1));
  const auto s = status(b.t);
  ASSERT_EQ(s["links"].size(), 1u) << s.dump();
  EXPECT_EQ(s["links"][0]["id"], 6);
  EXPECT_EQ(s["links"][0]["protocol"], "HTTP");
  EXPECT_EQ(s["links"][0]["remote"], "web.test:80");
  EXPECT_EQ(s["links"][0]["state"], "CONNECTED");
  inject(b.t, "link 6 reset");
  b.t.expect("\r\n+HTTPACTION: 0,601,0\r\n");
  EXPECT_TRUE(status(b.t)["links"].empty());
}

}  // namespace air780ep_http_session_test_cases
}  // namespace cellemu::testing::air780ep_http_test

namespace cellemu::testing::air780ep_http_test::air780ep_http_session_test_cases {

// The real timing profile (§6): AT+SAPBR=1,1 takes 100 ms, +HTTPACTION comes 300 ms after the
// response is complete; every final result also waits the profile's 10 ms command delay.
TEST(Air780epHttp, RealTimingProfile) {
  air780ep_test::NetView view{{{"web.test:80", 0}}, {}};
  HttpTestServer web{web_page};
  view.routes[0].second = web.port();
  Transcript t(air780ep_test::options(
      view, [](models::Profile& p) { p.timing = models::Timing::module_like(); }));
  t.advance(10ms);  // the delayed OK of the harness's ATE0
  t.take();
  t.send("AT+SAPBR=1,1\r");
  t.advance(109ms);
  t.expect_quiet();
  t.advance(1ms);
  t.expect("\r\nOK\r\n");
  for (const char* line : {"AT+HTTPINIT\r", "AT+HTTPPARA=\"URL\",\"http://web.test/hello.txt\"\r",
                           "AT+HTTPACTION=0\r"}) {
    t.send(line);
    t.advance(10ms);
    t.expect("\r\nOK\r\n");
  }
  ASSERT_TRUE(web.wait_requests(1));
  ASSERT_TRUE(t.poll_until(
      [&] { return air780ep_test::model(t).http().link()->state() == net::LinkState::Closed; }));
  t.advance(299ms);
  t.expect_quiet();
  t.advance(1ms);
  t.expect("\r\n+HTTPACTION: 0,200,15\r\n");
}

}  // namespace cellemu::testing::air780ep_http_test::air780ep_http_session_test_cases
