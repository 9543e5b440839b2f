// --report and `cellemu replay` over the device commands of issue 15 (sleep, boot, operator
// selection, the identity commands the Air780EP lacks).
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/emulator_process.h"

namespace cellemu::testing {
namespace {

namespace device_report_detail {
std::string read_whole(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string scratch(const std::string& name) {
  return ::testing::TempDir() + "cellemu-device-" + std::to_string(::getpid()) + "-" + name;
}
}  // namespace device_report_detail

using device_report_detail::read_whole;
using device_report_detail::scratch;

TEST(DeviceReport, CountsTheSleepOperatorAndResetCommands) {
  const std::string report = scratch("report.json");
  EmulatorProcess emu({"--report", report, "--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  {
    PtyClient host(emu.pty());
    host.discard_input();
    host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
    host.exchange("AT+WAKETIM=8\r", "\r\nOK\r\n");
    host.exchange("AT+CSCLK=2\r", "\r\nOK\r\n");
    host.exchange("AT+CSCLK?\r", "\r\n+CSCLK: 2\r\n\r\nOK\r\n");
    host.exchange("AT+CSCLK=0\r", "\r\nOK\r\n");
    host.exchange("AT+GMM\r", "\r\nERROR\r\n");
    host.exchange("AT+COPS=1,2,\"46011\"\r", "\r\n+CME ERROR: 30\r\n");
    host.send("AT+RESET\r");
    const std::string boot = host.read_until("+NITZ: ");
    EXPECT_EQ(boot.rfind("\r\nOK\r\n\r\nRDY\r\n\r\n^MODE: 17,17\r\n", 0), 0u) << boot;
    host.read_until("\r\n");
  }
  EXPECT_EQ(emu.terminate(), 0);
  const auto json = nlohmann::json::parse(read_whole(report), nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << read_whole(report);
  const auto& m = json["modems"][0];
  EXPECT_EQ(m["commands"]["+CSCLK="]["count"], 2);
  EXPECT_EQ(m["commands"]["+CSCLK?"]["count"], 1);
  EXPECT_EQ(m["commands"]["+WAKETIM="]["count"], 1);
  EXPECT_EQ(m["commands"]["+GMM"]["errors"]["ERROR"], 1);
  EXPECT_EQ(m["commands"]["+COPS="]["errors"]["+CME ERROR: 30"], 1);
  EXPECT_EQ(m["commands"]["+RESET"]["count"], 1);
  EXPECT_EQ(m["urcs"]["RDY"], 1);
  ::unlink(report.c_str());
  ::unlink((report + ".txt").c_str());
}

TEST(DeviceReport, ALogOfTheDeviceCommandsReplays) {
  const std::string log = scratch("device.log");
  std::ofstream(log) << "[1]发→◇AT+CSCLK=?\n[2]收←◆AT+CSCLK=?\n+CSCLK: (0-3)\nOK\n"
                        "[3]发→◇AT+WAKETIM=8\n[4]收←◆AT+WAKETIM=8\nOK\n"
                        "[5]发→◇AT+WAKETIM?\n[6]收←◆AT+WAKETIM?\n+WAKETIM:8\nOK\n"
                        "[7]发→◇AT*RTIME?\n[8]收←◆AT*RTIME?\n*RTIME: 0\nOK\n"
                        "[9]发→◇AT+GMM\n[10]收←◆AT+GMM\nERROR\n"
                        "[11]发→◇AT+COPS=3,0\n[12]收←◆AT+COPS=3,0\nOK\n"
                        "[13]发→◇AT+COPS?\n[14]收←◆AT+COPS?\n+COPS: 0,0,\"CHINA MOBILE\",7\nOK\n"
                        "[15]发→◇AT+CSCLK=2\n[16]收←◆AT+CSCLK=2\nOK\n";
  const auto r = run_cellemu({"replay", log});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("8 steps, all match"), std::string::npos) << r.out;
  ::unlink(log.c_str());
}

}  // namespace
}  // namespace cellemu::testing
