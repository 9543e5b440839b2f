// The web.test / iot-auth.test harness of the W- cases (app-protocols-cases.md): one plain and one
// TLS HttpTestServer serving every page the cases name, and an Air780EP whose routes send
// web.test:80, web.test:2900, web.test:443, iot-auth.test:443 and web.test:1999 (refused) to them.
#pragma once

#include <string>

#include "models/air780ep/http_service.h"
#include "tests/model/air780ep_test_util.h"
#include "tests/support/http_test_server.h"
#include "tests/support/module_pki.h"

namespace cellemu::testing::air780ep_http_test {

inline constexpr const char* kHello = "Hello LuatOS!!!";
// W-003: the 112 bytes the host posts and the 124-byte answer (LTA).
inline constexpr const char* kAuthForm =
    "productKey=k1hipglLdjU&sign=0f655b12adf519b9a7a2b0a990f398b6&clientId=868488076506128&"
    "deviceName=868488076506128";
inline constexpr const char* kAuthReply =
    R"({"code":200,"data":{"iotId":"2BGmgWFvoXlbi1Er9sk4k1hip0","iotToken":)"
    R"("137eb0759ca248b79383a60c0b0e0f80"},"message":"success"})";
// W-006: the HEAD answer of LTH.
inline constexpr const char* kAppHeader =
    "Accept-Ranges: bytes\r\nETag: W/\"119345-1710117624106\"\r\nLast-Modified: Mon, 11 Mar 2024 "
    "00:40:24 GMT\r\nContent-Type: application/octet-stream\r\nContent-Length: 119345\r\nDate: "
    "Mon, 22 Jul 2024 03:34:24 GMT\r\nKeep-Alive: timeout=20\r\nConnection: keep-alive";

// 119345 bytes (W-006/W-007/W-008's app.bin), every byte from its offset.
inline const std::string& app_bin() {
  static const std::string file = [] {
    std::string f(119345, '\0');
    for (std::size_t i = 0; i < f.size(); ++i) f[i] = static_cast<char>((i * 7 + i / 251) & 0xFF);
    return f;
  }();
  return file;
}

inline Reply web_page(const SeenRequest& r) {
  const std::string& p = r.target;
  if (p == "/download/hello.txt" || p == "/hello.txt" || p == "/new") {
    return {HttpTestServer::response(200, kHello)};
  }
  if (p == "/auth/devicename") return {HttpTestServer::response(200, kAuthReply)};
  if (p == "/app.bin") {
    if (r.method == "HEAD") return {std::string("HTTP/1.1 200 OK\r\n") + kAppHeader + "\r\n\r\n"};
    return HttpTestServer::serve_file(app_bin(), r);
  }
  if (p == "/old") return {"HTTP/1.1 302 Found\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n"};
  if (p == "/missing") return {"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found"};
  if (p == "/chunked") {
    return {
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n6\r\n LuatO\r\n"
        "0\r\n\r\n"};
  }
  if (p == "/big") return {HttpTestServer::response(200, std::string(10000, 'b'))};
  if (p == "/sixteen") return {HttpTestServer::response(200, "0123456789ABCDEF")};
  if (p == "/slow") return {HttpTestServer::response(200, kHello), std::chrono::milliseconds(500)};
  if (p == "/hang") return {"", std::chrono::milliseconds(0), true};
  return {HttpTestServer::response(200, "ok")};
}

// The servers and the modem of one case.
class WebBench {
 public:
  explicit WebBench(bool echo = false)
      : t(air780ep_test::options(air780ep_test::NetView{{{"web.test:80", web.port()},
                                                         {"web.test:2900", web.port()},
                                                         {"web.test:443", secure.port()},
                                                         {"iot-auth.test:443", secure.port()},
                                                         {"web.test:1999", refused}},
                                                        {}},
                                 {}, echo)) {}

  // AT+FSCREATE + AT+FSWRITE: a certificate in the module file system.
  void upload(const std::string& name, const std::string& data) {
    t.exchange("AT+FSCREATE=\"" + name + "\"\r", "\r\nOK\r\n");
    t.exchange("AT+FSWRITE=\"" + name + "\",0," + std::to_string(data.size()) + ",15\r", "\r\n>");
    t.exchange(data, "\r\nOK\r\n");
  }
  // READY: AT+HTTPINIT answered.
  void ready() { t.exchange("AT+HTTPINIT\r", "\r\nOK\r\n"); }
  void url(const std::string& u) {
    t.exchange("AT+HTTPPARA=\"URL\",\"" + u + "\"\r", "\r\nOK\r\n");
  }
  // AT+HTTPACTION=<m> -> OK, then the +HTTPACTION line `result` ("0,200,15").
  void action(int method, const std::string& result) {
    t.exchange("AT+HTTPACTION=" + std::to_string(method) + "\r",
               "\r\nOK\r\n\r\n+HTTPACTION: " + result + "\r\n");
  }

  HttpTestServer web{web_page};
  HttpTestServer secure{web_page, &ModulePki::get().server};
  std::uint16_t refused = refused_port();
  Transcript t;
};

}  // namespace cellemu::testing::air780ep_http_test
