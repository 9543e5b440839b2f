// ConfigFile and ProfileOverrides: YAML onto the command-line options and the model profile.
#include "emulator/app/config_file.h"

#include <gtest/gtest.h>

#include "emulator/app/fleet.h"
#include "models/profile.h"

namespace cellemu::app {
namespace {

struct Parsed {
  CLI::App app;
  AppOptions options;
  explicit Parsed(std::vector<std::string> args) {
    add_emulator_options(app, options);
    std::reverse(args.begin(), args.end());
    app.parse(args);
  }
  std::optional<std::string> apply(const std::string& yaml) {
    return ConfigFile::apply_text(yaml, "bench.yaml", app, options);
  }
};

TEST(ConfigFile, ValuesGoThroughTheOptionsAndTheCommandLineWins) {
  Parsed p({"--count", "3", "--host", "cli.example=127.0.0.9"});
  ASSERT_EQ(p.apply("count: 7\n"
                    "threads: 1\n"
                    "baud: 9600\n"
                    "time-scale: 2.5\n"
                    "host: [a.example=127.0.0.1]\n"
                    "route: 1.2.3.4:80=127.0.0.1:8080\n"),
            std::nullopt);
  EXPECT_EQ(p.options.count, 3u);
  EXPECT_EQ(p.options.threads, 1u);
  EXPECT_EQ(p.options.baud, "9600");
  EXPECT_DOUBLE_EQ(p.options.time_scale, 2.5);
  EXPECT_EQ(p.options.hosts, std::vector<std::string>{"cli.example=127.0.0.9"});
  EXPECT_EQ(p.options.routes, std::vector<std::string>{"1.2.3.4:80=127.0.0.1:8080"});
}

TEST(ConfigFile, ErrorsNameTheLine) {
  EXPECT_EQ(Parsed({}).apply("model: nm28\nbaud: fast\n").value_or(""),
            "bench.yaml:2: baud: expected off, auto or a rate from 50 to 4000000 bits/s, e.g. "
            "9600");
  EXPECT_EQ(Parsed({}).apply("config: other.yaml\n").value_or("").substr(0, 34),
            "bench.yaml:1: unknown key 'config'");
  EXPECT_EQ(Parsed({}).apply("model: [nm28\n").value_or("").substr(0, 13), "bench.yaml:2:");
  EXPECT_EQ(Parsed({}).apply(""), std::nullopt);
}

TEST(ConfigFile, DurationsAndScalesAreParsedAndChecked) {
  Parsed p({"--nat-idle-tcp", "5m"});
  ASSERT_EQ(p.apply("connect-timeout: 2.5\nnat-idle: 90s\nnat-idle-tcp: 1m\ntime-scale: 0.5\n"),
            std::nullopt);
  EXPECT_EQ(p.options.connect_timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(p.options.nat_idle, std::chrono::seconds(90));
  EXPECT_EQ(p.options.nat_idle_tcp, std::chrono::minutes(5)) << "the command line wins";
  EXPECT_EQ(p.options.nat_idle_udp, std::nullopt);
  EXPECT_DOUBLE_EQ(p.options.time_scale, 0.5);
  EXPECT_EQ(Parsed({}).apply("time-scale: inf\n").value_or(""),
            "bench.yaml:1: time-scale: expected a number from 0.001 to 1000, got 'inf'");
  EXPECT_EQ(Parsed({}).apply("time-scale: 1e-300\n").value_or(""),
            "bench.yaml:1: time-scale: expected a number from 0.001 to 1000, got '1e-300'");
  EXPECT_EQ(Parsed({}).apply("connect-timeout: 1e308\n").value_or(""),
            "bench.yaml:1: connect-timeout: expected a duration from 0 to 1d such as 500ms, 30s "
            "or 10m (a bare number counts seconds), got '1e308'");
  EXPECT_TRUE(
      Parsed({})
          .apply("nat-idle: 1e300s\n")
          .value_or("")
          .starts_with("bench.yaml:1: nat-idle: expected a duration from 0 to 30d such as"));
}

TEST(ConfigFile, HugeBadValuesAreQuotedShort) {
  const std::string huge(1 << 20, 'x');
  for (const std::string& yaml : {"model: " + huge + "\n", "nat-idle: " + huge + "\n",
                                  "? " + huge + "\n: 1\n", "count: " + huge + "\n"}) {
    const auto error = Parsed({}).apply(yaml).value_or("");
    EXPECT_LT(error.size(), 500u) << error.substr(0, 500);
    EXPECT_NE(error.find("(1048576 bytes)"), std::string::npos) << error.substr(0, 500);
  }
}

TEST(ConfigFile, ScenarioIsValidatedWithTheFilesLines) {
  Parsed p({});
  ASSERT_EQ(p.apply("scenario:\n  events:\n    - at: 5s\n      do: link 0 reset\n"), std::nullopt);
  ASSERT_TRUE(p.options.scenario);
  ASSERT_EQ(p.options.scenario->events.size(), 1u);
  EXPECT_EQ(p.options.scenario->events[0].line, 3);
  EXPECT_EQ(Parsed({}).apply("scenario:\n  - at: 5s\n").value_or(""),
            "bench.yaml:2: expected a top-level 'events:' list");
}

TEST(ProfileOverrides, EveryKindOfFieldAppliesAfterTheTimingPreset) {
  Parsed p({"--timing", "real"});
  ASSERT_EQ(p.apply("profiles:\n"
                    "  air780ep:\n"
                    "    identity: {imei: \"861234567890123\", manufacturer: Bench}\n"
                    "    network: {operator-name: CMCC, rssi: 18}\n"
                    "    timing: {connect: 1.5s, command: 25}\n"
                    "    default_cmee: 2\n"
                    "    power_up_urcs: [RDY, \"+CPIN: READY\"]\n"
                    "    simcom_compat: false\n"
                    "    sim_hotplug: true\n"
                    "    urc_timing: race\n"),
            std::nullopt);
  models::Profile profile = models::air780ep_profile();
  profile.timing = models::Timing::module_like();
  p.options.profile_overrides.apply("air780ep", profile);
  EXPECT_EQ(profile.identity.imei, "861234567890123");
  EXPECT_EQ(profile.identity.manufacturer, "Bench");
  EXPECT_EQ(profile.network.operator_name, "CMCC");
  EXPECT_EQ(profile.network.rssi, 18);
  EXPECT_TRUE(profile.timing.real);
  EXPECT_EQ(profile.timing.connect, std::chrono::milliseconds(1500));
  EXPECT_EQ(profile.timing.command, std::chrono::milliseconds(25));
  EXPECT_EQ(profile.timing.shut, std::chrono::milliseconds(100)) << "the preset's value stays";
  EXPECT_EQ(profile.default_cmee, 2);
  EXPECT_EQ(profile.power_up_urcs, (std::vector<std::string>{"RDY", "+CPIN: READY"}));
  EXPECT_FALSE(profile.simcom_compat);
  EXPECT_TRUE(profile.sim_hotplug);
  EXPECT_EQ(profile.urc_timing, at::UrcTiming::Race);

  models::Profile nm28 = models::nm28_profile();
  p.options.profile_overrides.apply("nm28", nm28);
  EXPECT_EQ(nm28.identity.manufacturer, "YUGE") << "overrides are per model";
}

TEST(ProfileOverrides, BadValuesAreRejected) {
  EXPECT_EQ(Parsed({}).apply("profiles:\n  nm28:\n    timing: {connect: soon}\n").value_or(""),
            "bench.yaml:3: timing.connect: expected a duration from 0 to 1h such as 500ms, 30s or "
            "10m (a bare number counts milliseconds), got 'soon'");
  EXPECT_EQ(Parsed({}).apply("profiles:\n  nm28:\n    timing: {connect: 1e300s}\n").value_or(""),
            "bench.yaml:3: timing.connect: expected a duration from 0 to 1h such as 500ms, 30s or "
            "10m (a bare number counts milliseconds), got '1e300s'");
  EXPECT_EQ(Parsed({}).apply("profiles:\n  nm28:\n    simcom_compat: maybe\n").value_or(""),
            "bench.yaml:3: simcom_compat: expected true or false, got 'maybe'");
  EXPECT_EQ(Parsed({}).apply("profiles:\n  nm28:\n    network: {rssi: 120}\n").value_or(""),
            "bench.yaml:3: network.rssi: expected an integer from 0 to 99, got '120'");
  EXPECT_EQ(Parsed({}).apply("profiles:\n  nm28:\n    power_up_urcs: RDY\n").value_or(""),
            "bench.yaml:3: power_up_urcs: expected a list of strings");
  EXPECT_EQ(Parsed({}).apply("profiles:\n  nm28:\n    urc_timing: late\n").value_or(""),
            "bench.yaml:3: urc_timing: expected held, immediate or race, got 'late'");
}

TEST(ProfileOverrides, PppForwardsAreCheckedItemByItem) {
  Parsed p({});
  ASSERT_EQ(p.apply("profiles:\n  nm28:\n    ppp_forwards: [\"tcp:8080:80\", \"udp:5683:5683\"]\n"),
            std::nullopt);
  models::Profile nm28 = models::nm28_profile();
  p.options.profile_overrides.apply("nm28", nm28);
  EXPECT_EQ(nm28.ppp_forwards, (std::vector<std::string>{"tcp:8080:80", "udp:5683:5683"}));
  EXPECT_EQ(
      Parsed({}).apply("profiles:\n  nm28:\n    ppp_forwards: [\"tcp:80\"]\n").value_or(""),
      "bench.yaml:3: ppp_forwards: expected tcp|udp:[ADDRESS:]HOST_PORT:PEER_PORT ('tcp:80')");
}

TEST(ProfileOverrides, TheOperatorListAndTheBootKnobs) {  // services §5.1, §4.5
  Parsed p({});
  ASSERT_EQ(p.apply("profiles:\n"
                    "  air780ep:\n"
                    "    network:\n"
                    "      operator_numeric: \"46001\"\n"
                    "      operators:\n"
                    "        - {numeric: \"46001\", long: CHN-UNICOM, short: UNICOM, stat: 2}\n"
                    "        - {numeric: \"46000\"}\n"
                    "    timing: {boot_ready: 2s, boot_registration: 9s}\n"
                    "    reset_urcs: []\n"
                    "    v250_identity: true\n"
                    "    wake_lost_lines: 2\n"),
            std::nullopt);
  models::Profile profile = models::air780ep_profile();
  p.options.profile_overrides.apply("air780ep", profile);
  ASSERT_EQ(profile.network.operators.size(), 2u);
  EXPECT_EQ(profile.network.operators[0].long_name, "CHN-UNICOM");
  EXPECT_EQ(profile.network.operators[0].stat, 2);
  EXPECT_EQ(profile.network.operators[1].short_name, "46000");
  EXPECT_EQ(profile.network.operators[1].stat, 1);
  EXPECT_EQ(profile.timing.boot_registration, std::chrono::seconds(9));
  EXPECT_TRUE(profile.reset_urcs.empty());
  EXPECT_TRUE(profile.v250_identity);
  EXPECT_EQ(profile.wake_lost_lines, 2);
  EXPECT_EQ(
      Parsed({}).apply("profiles:\n  nm28:\n    network: {operators: [{long: X}]}\n").value_or(""),
      "bench.yaml:3: network.operators: each entry needs numeric (and long, short, stat)");
}

}  // namespace
}  // namespace cellemu::app
