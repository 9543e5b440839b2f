// Debian's gsm-utils against the real binary's pty. gsmlib toggles DTR and reads the modem lines
// when it opens a port; a kernel pty refuses those ioctls, so gsmctl stops before its first AT
// command. Under the LD_PRELOAD shim (tests/modem_lines_shim.c) it reaches the AT dialogue.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/support/emulator_process.h"
#include "tests/support/fixture_support.h"

namespace cellemu::testing {
namespace {

struct ToolResult {
  int exit_code = -1;  // -1: killed at the deadline
  std::string output;  // stdout and stderr together
};

// Runs `argv` with extra environment entries, stdin closed, for at most `deadline`.
ToolResult run_tool(std::vector<std::string> argv, std::vector<std::string> env,
                    std::chrono::milliseconds deadline = 15s) {
  ToolResult result;
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return result;
  const int pid = ::fork();
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::dup2(out[1], 2);
    const int null = ::open("/dev/null", O_RDONLY);
    ::dup2(null, 0);
    for (auto& e : env) ::putenv(e.data());
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(out[1]);
  const auto until = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    pollfd fd{out[0], POLLIN, 0};
    if (left.count() <= 0 || ::poll(&fd, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[4096];
    const ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    result.output.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  int status = 0;
  // The tool closed its output: it is exiting. Reap it within what is left of the deadline.
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= until) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return result;
    }
    pollfd none{-1, 0, 0};
    ::poll(&none, 0, 10);  // a 10 ms step of the deadline-bounded wait for the exit
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

bool have_gsmctl() {
  return ::access("/usr/bin/gsmctl", X_OK) == 0;
}

TEST(GsmUtilsPty, WithoutTheShimGsmctlStopsAtTheModemLines) {
  if (!have_gsmctl()) GTEST_SKIP() << "gsm-utils is not installed (scripts/setup.sh)";
  EmulatorProcess emu({"--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  const auto r = run_tool({"gsmctl", "-d", emu.pty(), "ME"}, {});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("clearing DTR failed"), std::string::npos) << r.output;
}

// gsmctl ME / SIG / OP / PIN and gsmsendsms, unmodified, on one model (services-cases S-042,
// S-043; spec services §8). Each tool opens the port and runs gsmlib's MeTa::init first
// (AT+CMGF=0 among it).
void run_gsm_utils(const std::string& model, const std::string& manufacturer) {
  const std::string control = temp_path("gsm-utils-ctl") + ".sock";
  EmulatorProcess emu({"--model", model, "--control", control, "--log-level", "warn"});
  ASSERT_TRUE(emu.started()) << emu.logs();
  const std::string preload = std::string("LD_PRELOAD=") + CELLEMU_MODEM_LINES_SHIM;
  auto gsmctl = [&](const char* what) {
    return run_tool({"gsmctl", "-d", emu.pty(), what}, {preload});
  };
  const auto me = gsmctl("ME");
  EXPECT_EQ(me.exit_code, 0) << me.output;
  EXPECT_NE(me.output.find("<ME0>  Manufacturer: " + manufacturer), std::string::npos) << me.output;
  const auto sig = gsmctl("SIG");
  EXPECT_EQ(sig.exit_code, 0) << sig.output;
  EXPECT_NE(sig.output.find("<SIG0>"), std::string::npos) << sig.output;
  EXPECT_NE(sig.output.find("23"), std::string::npos) << sig.output;
  const auto op = gsmctl("OP");
  EXPECT_EQ(op.exit_code, 0) << op.output;
  EXPECT_NE(op.output.find("<OP0>"), std::string::npos) << op.output;
  EXPECT_NE(op.output.find("Long name: 'CHINA MOBILE'"), std::string::npos) << op.output;
  const auto pin = gsmctl("PIN");
  EXPECT_EQ(pin.exit_code, 0) << pin.output;
  EXPECT_NE(pin.output.find("<PIN0>"), std::string::npos) << pin.output;
  EXPECT_NE(pin.output.find("READY"), std::string::npos) << pin.output;
  const auto sent = run_tool({"gsmsendsms", "-d", emu.pty(), "+8613912345678", "Hello"}, {preload});
  EXPECT_EQ(sent.exit_code, 0) << sent.output;
  const auto list = run_cellemu({"ctl", "--control", control, "sms", "list"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("\"to\":\"+8613912345678\""), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("\"text\":\"Hello\""), std::string::npos) << list.out;
  EXPECT_EQ(emu.terminate(), 0);
}

TEST(GsmUtilsPty, S042_S043_Air780epGsmctlAndGsmsendsms) {
  if (!have_gsmctl()) GTEST_SKIP() << "gsm-utils is not installed (scripts/setup.sh)";
  run_gsm_utils("air780ep", "AirM2M");
}

TEST(GsmUtilsPty, S042_S043_Nm28GsmctlAndGsmsendsms) {
  if (!have_gsmctl()) GTEST_SKIP() << "gsm-utils is not installed (scripts/setup.sh)";
  run_gsm_utils("nm28", "YUGE");
}

TEST(GsmUtilsPty, TheShimLetsGsmctlAndGsmsendsmsTalkToThePty) {
  if (!have_gsmctl()) GTEST_SKIP() << "gsm-utils is not installed (scripts/setup.sh)";
  const std::string trace = temp_path("gsmctl-trace") + ".log";
  {
    EmulatorProcess emu({"--trace", trace, "--log-level", "warn"});
    ASSERT_TRUE(emu.started());
    const std::string preload = std::string("LD_PRELOAD=") + CELLEMU_MODEM_LINES_SHIM;
    run_tool({"gsmctl", "-d", emu.pty(), "ME"}, {preload});
    run_tool({"gsmsendsms", "-d", emu.pty(), "+8613912345678", "Hello"}, {preload});
    EXPECT_EQ(emu.terminate(), 0);
  }
  // gsmlib's MeTa::init, as the emulator heard it (each tool opens the port and starts over),
  // then gsmsendsms's PDU.
  const std::string heard = read_text_file(trace);
  std::size_t at = 0;
  for (const char* line : {"→ ATZ\\r", "→ ATE0\\r", "→ AT+CMEE=1\\r", "→ AT+CMGF=0\\r", "→ ATZ\\r",
                           "→ ATE0\\r", "→ AT+CMGS="}) {
    at = heard.find(line, at);
    ASSERT_NE(at, std::string::npos) << line << " missing from\n" << heard;
  }
  ::unlink(trace.c_str());
}

}  // namespace
}  // namespace cellemu::testing
