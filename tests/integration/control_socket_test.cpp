// The control socket through the real binary (issue 14 items 3 and 9): hostile requests are
// answered, never fatal; a live socket is never taken over; every ending signal cleans up; idle
// clients and request lines are bounded; bad input is quoted short.
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <memory>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/emulator_process.h"
#include "tests/support/fixture_support.h"

namespace cellemu::testing {
namespace {

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

// A raw client of the control socket: bytes out, lines back.
class ControlClient {
 public:
  explicit ControlClient(const std::string& path) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    path.copy(addr.sun_path, sizeof addr.sun_path - 1);
    fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~ControlClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool connected() const { return fd_ >= 0; }
  void send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return;  // the server hung up
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  // The next line without its '\n'; empty at EOF or past the deadline.
  std::string line(std::chrono::milliseconds deadline = 5s) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (buffer_.find('\n') == std::string::npos && read_some(until)) {
    }
    const auto nl = buffer_.find('\n');
    if (nl == std::string::npos) return {};
    std::string out = buffer_.substr(0, nl);
    buffer_.erase(0, nl + 1);
    return out;
  }
  nlohmann::json request(const std::string& json_line) {
    send(json_line + "\n");
    return nlohmann::json::parse(line(), nullptr, false);
  }
  // True once the server has closed the connection (within the deadline).
  bool closed_by_server(std::chrono::milliseconds deadline = 5s) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (read_some(until)) {
    }
    return eof_;
  }

 private:
  bool read_some(std::chrono::steady_clock::time_point until) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    pollfd p{fd_, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char buf[4096];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      eof_ = true;
      return false;
    }
    buffer_.append(buf, static_cast<std::size_t>(n));
    return true;
  }
  int fd_ = -1;
  std::string buffer_;
  bool eof_ = false;
};

class ControlSocket : public ::testing::Test {
 protected:
  void SetUp() override {
    ::unlink(sock_.c_str());
    ::unlink(link_.c_str());
  }
  void TearDown() override {
    ::unlink(sock_.c_str());
    ::unlink(link_.c_str());
  }
  std::unique_ptr<EmulatorProcess> start() {
    auto emu = std::make_unique<EmulatorProcess>(
        std::vector<std::string>{"--control", sock_, "--link", link_, "--log-level", "warn"});
    EXPECT_TRUE(emu->started());
    return emu;
  }
  std::string sock_ = temp_path("ctl-socket") + ".sock";
  std::string link_ = temp_path("ctl-link");
};

TEST_F(ControlSocket, FieldsOfTheWrongTypeAreAnsweredNotFatal) {
  auto emu = start();
  ControlClient client(sock_);
  ASSERT_TRUE(client.connected());
  for (const char* bad :
       {R"({"cmd":"status","modem":"0"})", R"({"cmd":"status","modem":null})",
        R"({"cmd":"status","modem":{"a":[1]}})", R"({"cmd":"status","modem":1.5})",
        R"({"cmd":["status"]})", R"({"args":[null]})", R"({"args":{}})",
        R"({"args":["status"],"cmd":"status"})", R"({"cmd":"status","x":1})", R"(["status"])",
        R"("status")", "\xff\xfe\x00garbage"}) {
    const auto reply = client.request(bad);
    ASSERT_TRUE(reply.is_object()) << bad;
    EXPECT_EQ(reply["ok"], false) << bad;
    EXPECT_TRUE(reply["error"].is_string()) << bad;
  }
  EXPECT_EQ(client.request(R"({"cmd":"status","modem":"0"})")["error"],
            "\"modem\" must be a modem number from 0 to 0, not string");
  const auto status = client.request(R"({"cmd":"status","modem":0})");
  EXPECT_EQ(status["ok"], true) << status.dump();
  EXPECT_TRUE(emu->running());
  EXPECT_EQ(emu->terminate(), 0);
  EXPECT_FALSE(exists(sock_)) << "the socket file is removed";
  EXPECT_FALSE(exists(link_)) << "the --link symlink is removed";
}

// A host chooses the remote name a link shows in `status`; bytes that are not UTF-8 made the
// reply's serialisation throw and the whole emulator abort.
TEST_F(ControlSocket, StatusShowingHostBytesThatAreNotUtf8IsServed) {
  auto emu = start();
  PtyClient host(emu->pty());
  host.discard_input();
  host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  EXPECT_EQ(run_cellemu({"ctl", "--control", sock_, "connect", "timeout"}).exit_code, 0);
  host.exchange("AT+CIPSTART=\"UDP\",\"\xff\xfe\",80\r", "\r\nOK\r\n");
  const auto r = run_cellemu({"ctl", "--control", sock_, "status"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"remote\": \"\xEF\xBF\xBD\xEF\xBF\xBD:80\""), std::string::npos) << r.out;
  EXPECT_TRUE(emu->running());
}

TEST_F(ControlSocket, ASecondEmulatorOnALivePathIsRefused) {
  auto first = start();
  EmulatorProcess second({"--control", sock_, "--log-level", "warn"}, 0);
  const int status = second.wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << status;
  EXPECT_NE(second.logs().find("--control " + sock_ +
                               ": another emulator is answering on it (stop that one, or pick "
                               "another path)"),
            std::string::npos)
      << second.logs();
  EXPECT_TRUE(second.stdout_lines().empty());
  // The first one keeps its socket, and its control.
  const auto r = run_cellemu({"ctl", "--control", sock_, "status"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(first->terminate(), 0);
  EXPECT_FALSE(exists(sock_));
}

TEST_F(ControlSocket, AStaleSocketFileIsReplaced) {
  {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    sock_.copy(addr.sun_path, sizeof addr.sun_path - 1);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ::close(fd);  // the file stays; nobody answers on it
  }
  ASSERT_TRUE(exists(sock_));
  auto emu = start();
  const auto r = run_cellemu({"ctl", "--control", sock_, "status"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

class ControlSocketSignals : public ControlSocket, public ::testing::WithParamInterface<int> {};

TEST_P(ControlSocketSignals, CleanUpLikeSigterm) {
  auto emu = start();
  ASSERT_TRUE(exists(sock_));
  ASSERT_TRUE(exists(link_));
  ::kill(emu->pid(), GetParam());
  const int status = emu->wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_FALSE(exists(sock_)) << "socket left behind after signal " << GetParam();
  EXPECT_FALSE(exists(link_)) << "link left behind after signal " << GetParam();
}

INSTANTIATE_TEST_SUITE_P(HupAndQuit, ControlSocketSignals, ::testing::Values(SIGHUP, SIGQUIT));

TEST_F(ControlSocket, IdleClientsAreCapped) {
  auto emu = start();
  constexpr int kCap = 16;
  std::vector<std::unique_ptr<ControlClient>> idle;
  for (int i = 0; i < kCap; ++i) {
    idle.push_back(std::make_unique<ControlClient>(sock_));
    ASSERT_TRUE(idle.back()->connected());
  }
  // Accepted in order: once the last one is answered, all are in.
  ASSERT_EQ(idle.back()->request(R"({"cmd":"status"})")["ok"], true);
  ControlClient extra(sock_);
  const auto refusal = nlohmann::json::parse(extra.line(), nullptr, false);
  EXPECT_EQ(refusal["error"], "too many control clients (16 connected); close one and retry");
  EXPECT_TRUE(extra.closed_by_server());
  // One leaves: a newcomer is served again (once the server has seen it go).
  idle.pop_back();
  bool served = false;
  const auto until = std::chrono::steady_clock::now() + 5s;
  while (!served && std::chrono::steady_clock::now() < until) {
    ControlClient next(sock_);
    served = next.request(R"({"cmd":"status"})").value("ok", false);
  }
  EXPECT_TRUE(served);
}

TEST_F(ControlSocket, AnOverlongRequestLineIsRefusedAndClosed) {
  auto emu = start();
  ControlClient client(sock_);
  client.send(std::string(70 * 1024, 'x'));
  const auto reply = nlohmann::json::parse(client.line(), nullptr, false);
  EXPECT_EQ(reply["error"], "request longer than 65536 bytes; send one JSON object per line");
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_EQ(run_cellemu({"ctl", "--control", sock_, "status"}).exit_code, 0);
}

TEST_F(ControlSocket, HugeBadInputGivesAShortError) {
  auto emu = start();
  ControlClient client(sock_);
  const std::string huge(60000, 'q');
  for (const std::string& bad :
       {R"({"cmd":")" + huge + R"("})", R"({"args":["signal",")" + huge + R"("]})",
        R"({")" + huge + R"(":0})", R"({"args":["net","delay",")" + huge + R"("]})"}) {
    client.send(bad + "\n");
    const std::string line = client.line();
    EXPECT_LT(line.size(), 400u) << line.substr(0, 400);
    EXPECT_NE(line.find("(60000 bytes)"), std::string::npos) << line.substr(0, 400);
  }
}

}  // namespace
}  // namespace cellemu::testing
