// --config: a YAML file holding options and profile overrides; the command line wins.
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/support/emulator_process.h"
#include "tests/support/fixture_support.h"

namespace cellemu::testing {
namespace {

class FixtureConfig : public ::testing::Test {
 protected:
  void TearDown() override { ::unlink(path_.c_str()); }
  const std::string& write(std::string_view yaml) {
    write_text_file(path_, yaml);
    return path_;
  }
  std::string path_ = temp_path("config") + ".yaml";
};

void expect_ati(const std::string& pty, const std::string& product) {
  PtyClient host(pty);
  host.discard_input();
  host.exchange("ATI\r", "ATI\r\r\n" + product + "\r\n\r\nOK\r\n");
}

TEST_F(FixtureConfig, FileOptionsAndProfileOverridesApply) {
  const std::string link = temp_path("config-link");
  const auto& file = write(
      "# a test bench\n"
      "model: nm28\n"
      "link: " +
      link +
      "\n"
      "log-level: warn\n"
      "profiles:\n"
      "  nm28:\n"
      "    identity: {product: NM28-BENCH-7}\n"
      "  air780ep:\n"
      "    identity:\n"
      "      product: AirM2M_780EP_V1010_LTE_AT\n"
      "    max_links: 8\n");
  EmulatorProcess emu({"--config", file});
  ASSERT_TRUE(emu.started());
  expect_ati(link, "NM28-BENCH-7");  // model and link from the file, the nm28 override
}

TEST_F(FixtureConfig, TheCommandLineWins) {
  const auto& file = write(
      "model: nm28\n"
      "log-level: warn\n"
      "count: 2\n"
      "profiles: {air780ep: {identity: {product: AIR-BENCH}}}\n");
  EmulatorProcess emu({"--config", file, "--model", "air780ep", "--count", "1"});
  ASSERT_TRUE(emu.started());
  expect_ati(emu.pty(), "AIR-BENCH");  // --model air780ep, with the file's air780ep override
  EXPECT_TRUE(emu.logs().empty()) << "log-level: warn from the file still applies\n" << emu.logs();
}

TEST_F(FixtureConfig, ListsAndFleetOptionsFromTheFile) {
  const auto& file = write(
      "count: 2\n"
      "listen: 127.0.0.1:0\n"
      "host: [a.example=127.0.0.1, b.example=127.0.0.2]\n"
      "log_level: warn\n"
      "scenario: {events: [{at: 1h, do: reboot}]}\n");
  EmulatorProcess emu({"--config", file}, 2);
  ASSERT_TRUE(emu.started());
  EXPECT_NE(parse_modem_line(emu.pty(1)).tcp_port, 0) << emu.pty(1);
}

struct BadFile {
  const char* name;  // of the test case
  const char* yaml;
  const char* message;
};

class FixtureConfigErrors : public FixtureConfig, public ::testing::WithParamInterface<BadFile> {};

TEST_P(FixtureConfigErrors, AreRejectedAtStartWithTheLine) {
  const auto& file = write(GetParam().yaml);
  EmulatorProcess emu({"--config", file}, 0);
  const int status = emu.wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2) << status;
  EXPECT_NE(emu.logs().find(file + GetParam().message), std::string::npos) << emu.logs();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FixtureConfigErrors,
    ::testing::Values(
        BadFile{"UnknownKey", "model: nm28\ncuont: 5\n", ":2: unknown key 'cuont'"},
        BadFile{"CountNotANumber", "model: nm28\n\ncount: zero\n", ":3: count: "},
        BadFile{"UnknownModel", "model: quectel\n", ":1: model: "},
        BadFile{"ListenAsList", "listen: [1, 2]\n", ":1: listen: takes one value, not a list"},
        BadFile{"HostAsMapping", "model: nm28\nhost: {a: b}\n",
                ":2: host: expected a value or a list"},
        BadFile{"UnknownProfileField", "profiles:\n  nm28:\n    identity:\n      prodcut: X\n",
                ":4: unknown profile field 'identity.prodcut'"},
        BadFile{"UnknownVerb", "scenario:\n  events:\n    - at: 1s\n      do: explode\n",
                ":4: unknown verb 'explode'"},
        BadFile{"MaxLinksNotANumber", "profiles:\n  nm28:\n    max_links: many\n",
                ":3: max_links: expected an integer from 1 to 64, got 'many'"},
        BadFile{"UnknownProfileModel", "profiles:\n  sim800: {}\n",
                ":2: profiles: unknown model 'sim800'"},
        BadFile{"UnclosedList", "model: nm28\ncount: [1\n", ":3: "},
        BadFile{"NotAMapping", "- just\n- a list\n", ":1: expected a mapping"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace cellemu::testing
