// --urc-timing race through the real binary and its pty (issue 17 item 4): a scripted host that
// parses line by line, as a firmware's AT driver does, goes through a whole connect / send /
// receive / close session while the emulator places every URC at the worst moment it can, and
// accounts for each one.
#include <chrono>
#include <string>
#include <vector>

#include "tests/integration/air780ep_pty_util.h"
#include "tests/integration/fault_bench.h"

namespace cellemu::testing::air780ep_pty {
namespace {
using namespace std::chrono_literals;

// A line-oriented AT driver: every line that is not the answer it waits for is checked against
// the URCs it knows and kept; a "+RECEIVE,<id>,<n>:" header is followed by <n> payload bytes.
class LineHost {
 public:
  explicit LineHost(PtyClient& pty) : pty_(pty) {}

  struct Answer {
    std::vector<std::string> lines;  // information text
    std::string final;               // the result that ended it
    std::string raw;                 // every byte read meanwhile, URCs included
  };

  // Sends `line` (already typed in part, maybe) and reads up to its final result.
  Answer command(const std::string& rest) {
    pty_.send(rest);
    return read_answer();
  }

  // AT+CIPSEND: URCs before the prompt are kept, then the data goes out and the result is read.
  Answer send_data(const std::string& rest, const std::string& data) {
    pty_.send(rest);
    Answer a;
    for (std::string token = next(a.raw); token != "> "; token = next(a.raw)) {
      if (token.empty()) return a;  // nothing more came: the test fails on the final below
      if (!take_urc(token, a.raw)) a.lines.push_back(token);
    }
    pty_.send(data);
    Answer result = read_answer(data);  // E1 echoes the data
    result.raw = a.raw + result.raw;
    return result;
  }

  const std::vector<std::string>& urcs() const { return urcs_; }

 private:
  // Echoed command text ends in '\r' (the line's own terminator); no answer line does.
  Answer read_answer(const std::string& echoed_data = {}) {
    Answer a;
    for (std::string token = next(a.raw); !token.empty(); token = next(a.raw)) {
      if (token.ends_with('\r') || (!echoed_data.empty() && token == echoed_data)) continue;
      if (take_urc(token, a.raw)) continue;
      if (is_final(token)) {
        a.final = token;
        return a;
      }
      a.lines.push_back(token);
    }
    return a;
  }

  static bool is_final(const std::string& line) {
    return line == "OK" || line == "ERROR" || line.starts_with("+CME ERROR:") ||
           line.ends_with("SEND OK") || line.ends_with("CLOSE OK");
  }

  bool take_urc(const std::string& line, std::string& raw) {
    if (line.starts_with("+RECEIVE,")) {
      const std::size_t n = std::stoul(line.substr(line.rfind(',') + 1));
      urcs_.push_back(line + take(n, raw));
      return true;
    }
    static const char* const kUrcs[] = {"CONNECT OK", "CLOSED", "+CEREG:", "+PDP: DEACT"};
    for (const char* urc : kUrcs) {
      if (line.ends_with(urc) || line.starts_with(urc)) {
        urcs_.push_back(line);
        return true;
      }
    }
    return false;
  }

  // The next line (empty lines skipped) or the prompt "> "; empty when the deadline passed.
  std::string next(std::string& raw) {
    for (;;) {
      while (buf_.starts_with("\r\n")) buf_.erase(0, 2);
      if (buf_.starts_with("> ")) {
        buf_.erase(0, 2);
        return "> ";
      }
      const auto end = buf_.find("\r\n");
      if (end != std::string::npos) {
        std::string line = buf_.substr(0, end);
        buf_.erase(0, end + 2);
        return line;
      }
      if (!fill(raw)) return {};
    }
  }

  std::string take(std::size_t n, std::string& raw) {
    while (buf_.size() < n && fill(raw)) {
    }
    std::string payload = buf_.substr(0, n);
    buf_.erase(0, payload.size());
    return payload;
  }

  bool fill(std::string& raw) {
    const std::string got = pty_.read_exact(1, 5s);
    buf_ += got;
    raw += got;
    return !got.empty();
  }

  PtyClient& pty_;
  std::string buf_;
  std::vector<std::string> urcs_;
};

class UrcRace : public ::testing::Test {
 protected:
  void SetUp() override {
    auto args = emulator_args({{"10.1.0.1:7001", server.port()}});
    args.insert(args.end(), {"--urc-timing", "race"});
    bench = std::make_unique<FaultBench>(args, "urc-race");
    ASSERT_TRUE(bench->ready());
    bench->host().exchange("ATE1\r", "\r\nOK\r\n");  // the echo shows a line is being typed
  }

  // Types part of a line and waits for its echo: the modem is now mid-line.
  void type(const std::string& text) {
    bench->host().send(text);
    EXPECT_EQ(bench->host().read_exact(text.size(), 5s), text);
  }

  // The host has typed part of a line; what happens now is held for it (nothing shows).
  void meanwhile(const std::function<void()>& event) {
    event();
    EXPECT_EQ(bench->host().read_exact(1, 300ms), "") << "a URC went out while a line was typed";
  }

  TcpServer server;
  std::unique_ptr<FaultBench> bench;
};

TEST_F(UrcRace, ALineByLineHostAccountsForEveryUrc) {
  LineHost host(bench->host());
  EXPECT_EQ(bench->status()["urc_timing"], "race");
  EXPECT_EQ(host.command("AT+CEREG=1\r").final, "OK");
  EXPECT_EQ(host.command("AT+CIPMUX=1\r").final, "OK");
  EXPECT_EQ(host.command("AT+CIPSTART=0,\"TCP\",\"10.1.0.1\",7001\r").final, "OK");
  ASSERT_TRUE(server.wait_connections(1));
  // CONNECT OK goes out once the emulator has seen the connection (idle: at once, or inside the
  // next command); round trips until it has, so it cannot land in a line typed below.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (host.urcs().empty() && std::chrono::steady_clock::now() < deadline) {
    EXPECT_EQ(host.command("AT\r").final, "OK");
  }
  ASSERT_EQ(host.urcs(), std::vector<std::string>{"0, CONNECT OK"});

  // Data arrives while AT+CSQ is typed: it lands between the command and its answer.
  type("AT+CS");
  meanwhile([&] { server.send(0, "hello"); });
  LineHost::Answer csq = host.command("Q\r");
  EXPECT_EQ(csq.lines, std::vector<std::string>{"+CSQ: 23,0"});
  EXPECT_EQ(csq.final, "OK");
  EXPECT_LT(csq.raw.find("+RECEIVE,0,5:"), csq.raw.find("+CSQ: 23,0")) << csq.raw;

  // More data while AT+CIPSEND is typed: it comes just before the prompt; the bytes the host
  // then sends reach the peer untouched.
  type("AT+CIPSEND=0,5");
  meanwhile([&] { server.send(0, "ping!"); });
  LineHost::Answer sent = host.send_data("\r", "world");
  EXPECT_EQ(sent.final, "0, SEND OK");
  EXPECT_LT(sent.raw.find("+RECEIVE,0,5:"), sent.raw.find("> ")) << sent.raw;
  ASSERT_TRUE(server.wait_received(0, 5));
  EXPECT_EQ(server.received(0), "world");

  // A registration URC, the peer's last words and its close, all while AT+CSQ is typed again.
  type("AT+CS");
  meanwhile([&] {
    bench->ctl({"urc", "+CEREG: 1"});
    server.send(0, "bye");
    server.close(0);
  });
  csq = host.command("Q\r");
  EXPECT_EQ(csq.lines, std::vector<std::string>{"+CSQ: 23,0"});
  EXPECT_EQ(csq.final, "OK");
  EXPECT_EQ(host.command("AT\r").final, "OK");  // anything still on its way

  const std::vector<std::string> want = {"0, CONNECT OK",      "+RECEIVE,0,5:hello",
                                         "+RECEIVE,0,5:ping!", "+CEREG: 1",
                                         "+RECEIVE,0,3:bye",   "0, CLOSED"};
  EXPECT_EQ(host.urcs(), want);
}

}  // namespace
}  // namespace cellemu::testing::air780ep_pty
