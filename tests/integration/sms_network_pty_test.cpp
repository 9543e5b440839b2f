// The emulated network as the program sets it up: --sms-log, the profile's sms section.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/support/emulator_process.h"
#include "tests/support/fixture_support.h"

namespace cellemu::testing {
namespace {

TEST(SmsNetworkPty, AnSmsLogThatCannotBeWrittenStopsTheStart) {
  EmulatorProcess emu({"--sms-log", "/nonexistent-cellemu-dir/sms.jsonl"}, 0);
  const int status = emu.wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0) << status;
  EXPECT_NE(emu.logs().find("--sms-log /nonexistent-cellemu-dir/sms.jsonl: No such file"),
            std::string::npos)
      << emu.logs();
}

TEST(SmsNetworkPty, AFleetOpensItsSmsLogAndKeepsAnswering) {
  const std::string log = temp_path("sms-log") + ".jsonl";
  ::unlink(log.c_str());
  EmulatorProcess emu({"--count", "2", "--sms-log", log, "--log-level", "warn"}, 2);
  ASSERT_TRUE(emu.started());
  struct stat st {};
  EXPECT_EQ(::stat(log.c_str(), &st), 0);  // created at start, appended to as messages pass
  for (std::size_t i = 0; i < 2; ++i) {
    PtyClient host(emu.pty(i));
    host.discard_input();
    host.exchange("AT\r", "AT\r\r\nOK\r\n");
  }
  EXPECT_EQ(emu.terminate(), 0);
  ::unlink(log.c_str());
}

TEST(SmsNetworkPty, TheProfileSmsSectionIsConfigurable) {
  const std::string file = temp_path("sms-config") + ".yaml";
  write_text_file(file,
                  "profiles:\n  air780ep:\n    network:\n      time_zone: -20\n    sms:\n"
                  "      msisdn: \"+15550000000\"\n      smsc: \"+15559999999\"\n"
                  "      sm_capacity: 20\n      me_capacity: 0\n      no_sms_plmns: []\n"
                  "    timing:\n      sms_send: 2s\n");
  EmulatorProcess emu({"--config", file, "--log-level", "warn"});
  ASSERT_TRUE(emu.started()) << emu.logs();
  EXPECT_EQ(emu.terminate(), 0);
  write_text_file(file, "profiles:\n  air780ep:\n    sms:\n      sm_capacity: 256\n");
  EmulatorProcess bad({"--config", file}, 0);
  bad.wait();
  EXPECT_NE(bad.logs().find("sms.sm_capacity: expected an integer from 0 to 255"),
            std::string::npos)
      << bad.logs();
  ::unlink(file.c_str());
}

}  // namespace
}  // namespace cellemu::testing
