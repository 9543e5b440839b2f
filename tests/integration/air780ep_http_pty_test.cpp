// The Air780EP's HTTP(S) client through the real binary and its pty (app-protocols.md §4): GET
// and POST against Python's http.server, HTTPS verified against a generated CA, 1 MiB fetched in
// BREAK/BREAKEND ranges and read in pieces, a chunked reply, a redirect, an unknown name (603), a
// --deny'd destination (601) and the --report counts.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/integration/air780ep_pty_util.h"
#include "tests/support/http_test_server.h"
#include "tests/support/module_pki.h"
#include "tests/support/subprocess.h"

namespace cellemu::testing::air780ep_pty {
namespace air780ep_http_pty_test_cases {

// Python's own server: files from argv[1], POST answered with what it got (body and agent).
constexpr const char* kPythonServer = R"(
import functools, http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', '0')))
        out = b'got:' + body + b' ua:' + self.headers.get('User-Agent', '').encode()
        self.send_response(200)
        self.send_header('Content-Length', str(len(out)))
        self.end_headers()
        self.wfile.write(out)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(('127.0.0.1', 0),
                                         functools.partial(Handler, directory=sys.argv[1]))
print(server.server_address[1], flush=True)
server.serve_forever()
)";

// The modem after power-up with echo off.
struct HttpModem {
  explicit HttpModem(std::vector<std::string> args) : emu(std::move(args)), host(emu.pty()) {
    read_power_up(host);
    host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
    host.exchange("AT+HTTPINIT\r", "\r\nOK\r\n");
  }
  void url(const std::string& u) {
    host.exchange("AT+HTTPPARA=\"URL\",\"" + u + "\"\r", "\r\nOK\r\n");
  }
  void action(int method, const std::string& result, std::chrono::milliseconds deadline = 10s) {
    host.send("AT+HTTPACTION=" + std::to_string(method) + "\r");
    host.expect("\r\nOK\r\n\r\n+HTTPACTION: " + result + "\r\n", deadline);
  }
  // AT+HTTPREAD[=start,size] -> the data it frames.
  std::string read(const std::string& form = "") {
    host.send("AT+HTTPREAD" + form + "\r");
    // Byte by byte up to the end of "\r\n+HTTPREAD: <n>\r\n": read_until may read past it.
    std::string head;
    while (head.size() < 64 && (head.size() < 4 || head.compare(head.size() - 2, 2, "\r\n") != 0)) {
      const std::string byte = host.read_exact(1, 5s);
      if (byte.empty()) break;
      head += byte;
    }
    const std::size_t colon = head.find(": ");
    EXPECT_NE(colon, std::string::npos) << head;
    if (colon == std::string::npos) return {};
    const std::size_t n = std::stoul(head.substr(colon + 2));
    std::string data = host.read_exact(n, 10s);
    host.expect("\r\nOK\r\n");
    return data;
  }
  EmulatorProcess emu;
  PtyClient host;
};

TEST(Air780epHttpPty, GetAndPostAgainstPythonHttpServer) {
  const std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / ("cellemu-http-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "hello.txt") << "Hello LuatOS!!!";
  Subprocess python({"python3", "-c", kPythonServer, dir.string()});
  ASSERT_TRUE(python.wait_output("\n", 10s)) << python.errors();
  const auto port = static_cast<std::uint16_t>(std::stoul(python.output()));
  HttpModem m(emulator_args({{"web.test:8080", port}}));
  m.url("http://web.test:8080/hello.txt");
  m.action(0, "0,200,15");
  EXPECT_EQ(m.read(), "Hello LuatOS!!!");
  m.url("http://web.test:8080/post");
  m.host.exchange("AT+HTTPDATA=5,10000\r", "\r\nDOWNLOAD\r\n");
  m.host.exchange("a=1&b", "\r\nOK\r\n");
  m.action(1, "1,200,22");
  EXPECT_EQ(m.read(), "got:a=1&b ua:AM_MODULE");
  m.host.exchange("AT+HTTPTERM\r", "\r\nOK\r\n");
  std::filesystem::remove_all(dir);
}

TEST(Air780epHttpPty, HttpsVerifiedAgainstAGeneratedCa) {
  const ModulePki& pki = ModulePki::get();
  HttpTestServer secure(
      [](const SeenRequest&) { return Reply{HttpTestServer::response(200, "secret")}; },
      &pki.server);
  HttpModem m(emulator_args({{"tcplab.openluat.com:443", secure.port()}}));
  const std::string ca = pki.ca.cert_pem();
  m.host.exchange("AT+FSCREATE=\"ca.crt\"\r", "\r\nOK\r\n");
  m.host.exchange("AT+FSWRITE=\"ca.crt\",0," + std::to_string(ca.size()) + ",15\r", "\r\n>");
  m.host.exchange(ca, "\r\nOK\r\n");
  m.host.exchange("AT+SSLCFG=\"cacert\",153,\"ca.crt\"\r", "\r\nOK\r\n");
  m.host.exchange("AT+SSLCFG=\"seclevel\",153,1\r", "\r\nOK\r\n");
  m.url("https://tcplab.openluat.com/x");
  m.action(0, "0,200,6");
  EXPECT_EQ(m.read(), "secret");
  ASSERT_EQ(secure.requests().size(), 1u);
}

// 1 MiB in 256 ranges of 4 KiB (the module's buffer, Luat's "断点续传"), each read in two pieces.
TEST(Air780epHttpPty, OneMegabyteInRangesReadInPieces) {
  const std::string file = pattern(1024 * 1024, 16);
  HttpTestServer web([&](const SeenRequest& r) { return HttpTestServer::serve_file(file, r); });
  HttpModem m(emulator_args({{"web.test:80", web.port()}}));
  m.url("http://web.test/big.bin");
  std::string got;
  for (std::size_t at = 0; at < file.size(); at += 4096) {
    m.host.exchange("AT+HTTPPARA=\"BREAK\"," + std::to_string(at) + "\r", "\r\nOK\r\n");
    m.host.exchange("AT+HTTPPARA=\"BREAKEND\"," + std::to_string(at + 4095) + "\r", "\r\nOK\r\n");
    m.action(0, "0,206,4096");
    got += m.read("=0,2048");
    got += m.read("=2048,2048");
    if (::testing::Test::HasFailure()) break;
  }
  ASSERT_EQ(got.size(), file.size());
  EXPECT_EQ(checksum(got), checksum(file));
  EXPECT_TRUE(got == file);
}

TEST(Air780epHttpPty, ChunkedReplyAndRedirect) {
  HttpTestServer web([](const SeenRequest& r) {
    if (r.target == "/chunked") {
      return Reply{
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n6\r\n"
          " LuatO\r\n0\r\n\r\n"};
    }
    if (r.target == "/old") {
      return Reply{"HTTP/1.1 302 Found\r\nLocation: /chunked\r\nContent-Length: 0\r\n\r\n"};
    }
    return Reply{HttpTestServer::response(404, "")};
  });
  HttpModem m(emulator_args({{"web.test:80", web.port()}}));
  m.url("http://web.test/chunked");
  m.action(0, "0,200,11");
  EXPECT_EQ(m.read(), "Hello LuatO");
  m.url("http://web.test/old");
  m.action(0, "0,302,0");
  m.host.exchange("AT+HTTPPARA=\"REDIR\",1\r", "\r\nOK\r\n");
  m.action(0, "0,200,11");
  EXPECT_EQ(m.read(), "Hello LuatO");
}

TEST(Air780epHttpPty, UnknownNameAndDeniedDestination) {
  auto args = emulator_args({}, {"blocked.test=10.9.9.9"});
  args.insert(args.end(), {"--deny", "10.9.9.0/24"});
  HttpModem m(args);
  m.url("http://no.such.host.invalid/");
  m.action(0, "0,603,0");
  m.url("http://blocked.test/");
  m.action(0, "0,601,0");
  EXPECT_EQ(m.read(), "");
}

std::string slurp_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Air780epHttpPty, ReportCountsHttpCommandsAndUrcs) {
  HttpTestServer web([](const SeenRequest&) { return Reply{HttpTestServer::response(200, "ok")}; });
  const std::string report =
      ::testing::TempDir() + "cellemu-http-report-" + std::to_string(::getpid());
  auto args = emulator_args({{"web.test:80", web.port()}});
  args.insert(args.end(), {"--report", report});
  {
    HttpModem m(args);
    m.url("http://web.test/");
    m.action(0, "0,200,2");
    EXPECT_EQ(m.read(), "ok");
    m.action(2, "2,200,0");
    m.host.exchange("AT+HTTPINIT\r", "\r\n+CME ERROR: 3\r\n");
    ASSERT_TRUE(m.emu.running());
    EXPECT_EQ(m.emu.terminate(), 0);
  }
  const auto json = nlohmann::json::parse(slurp_file(report), nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << slurp_file(report);
  const auto& modem = json["modems"][0];
  EXPECT_EQ(modem["commands"]["+HTTPINIT"]["count"], 2) << modem.dump();
  EXPECT_EQ(modem["commands"]["+HTTPINIT"]["errors"]["+CME ERROR: 3"], 1) << modem.dump();
  EXPECT_EQ(modem["commands"]["+HTTPACTION="]["count"], 2) << modem.dump();
  EXPECT_EQ(modem["commands"]["+HTTPPARA="]["count"], 1) << modem.dump();
  EXPECT_EQ(modem["commands"]["+HTTPREAD"]["count"], 1) << modem.dump();
  EXPECT_EQ(modem["urcs"]["+HTTPACTION"], 2) << modem.dump();
  ::unlink(report.c_str());
  ::unlink((report + ".txt").c_str());
}

}  // namespace air780ep_http_pty_test_cases
}  // namespace cellemu::testing::air780ep_pty
