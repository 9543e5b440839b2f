// --log-format json: every stderr line is one JSON object.
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "tests/support/emulator_process.h"
#include "tests/support/fixture_support.h"
#include "tests/support/loopback_servers.h"

namespace cellemu::testing {
namespace {

TEST(FixtureLogs, JsonLogsAreOneObjectPerLine) {
  EmulatorProcess emu({"--log-format", "json", "--listen", "127.0.0.1:0"});
  ASSERT_TRUE(emu.started());
  {
    TcpClient c(parse_modem_line(emu.pty()).tcp_port);
    c.send("AT\r");
    EXPECT_EQ(c.read_exact(9), "AT\r\r\nOK\r\n");
  }
  EXPECT_EQ(emu.terminate(), 0);
  const auto lines = split_lines(emu.logs());
  ASSERT_GE(lines.size(), 3u) << emu.logs();  // ready, client connected, signal
  bool saw_client = false;
  for (const auto& line : lines) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line;
    EXPECT_TRUE(j.contains("time") && j.contains("level") && j.contains("logger") &&
                j.contains("msg"))
        << line;
    if (j.value("logger", "") == "port" &&
        j.value("msg", "").find("connected") != std::string::npos) {
      saw_client = true;
    }
  }
  EXPECT_TRUE(saw_client) << emu.logs();
}

}  // namespace
}  // namespace cellemu::testing
