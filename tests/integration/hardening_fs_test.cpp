// A hostile --fs-dir through the real binary (issue 14 items 2 and 7): a FIFO or a hard link in
// the folder answers like a missing file, at once, and neither the modem nor its shard-mates
// stall; the folder holds no more entries than the module's file system (128).
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "tests/integration/air780ep_pty_util.h"
#include "tests/integration/nm28_host.h"
#include "tests/support/fixture_support.h"
#include "tests/support/module_pki.h"
#include "tests/support/tls_server.h"

namespace cellemu::testing {
namespace {
namespace stdfs = std::filesystem;

class HardeningFs : public ::testing::Test {
 protected:
  void SetUp() override { stdfs::create_directories(dir_); }
  void TearDown() override { stdfs::remove_all(base_); }

  stdfs::path base_ = temp_path("hardening-fs");
  stdfs::path dir_ = base_ / "fs";
};

// Two modems on one thread: a FIFO read by modem0 must not take modem1 down with it.
TEST_F(HardeningFs, AFifoInTheFolderAnswersErrorAtOnceAndStallsNobody) {
  ASSERT_EQ(::mkfifo((dir_ / "pipe.crt").c_str(), 0644), 0);
  auto args = air780ep_pty::emulator_args({});
  args.insert(args.end(), {"--fs-dir", dir_.string(), "--count", "2", "--threads", "1"});
  EmulatorProcess emu(args, 2);
  ASSERT_TRUE(emu.started());
  PtyClient first(emu.pty(0));
  PtyClient second(emu.pty(1));
  first.discard_input();
  second.discard_input();
  first.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  first.exchange("AT+FSREAD=\"pipe.crt\",0,10,10\r", "\r\nERROR\r\n");
  first.exchange("AT+FSWRITE=\"pipe.crt\",0,4,10\r", "\r\nERROR\r\n");
  first.exchange("AT+FSFLSIZE=\"pipe.crt\"\r", "\r\nERROR\r\n");
  first.exchange("AT\r", "\r\nOK\r\n");
  second.exchange("AT\r", "AT\r\r\nOK\r\n");
  EXPECT_TRUE(emu.running());
}

TEST_F(HardeningFs, AHardLinkToAFileOutsideTheFolderIsNotReadable) {
  const stdfs::path outside = base_ / "secret.txt";
  write_text_file(outside.string(), "host secret");
  std::error_code link_ec;
  stdfs::create_hard_link(outside, dir_ / "linked.crt", link_ec);
  if (link_ec) GTEST_SKIP() << "cannot make a hard link here: " << link_ec.message();
  auto args = air780ep_pty::emulator_args({});
  args.insert(args.end(), {"--fs-dir", dir_.string()});
  EmulatorProcess emu(args);
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  host.discard_input();
  host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  host.exchange("AT+FSREAD=\"linked.crt\",0,11,10\r", "\r\nERROR\r\n");
  host.exchange("AT+FSWRITE=\"linked.crt\",0,5,10\r", "\r\nERROR\r\n");
  EXPECT_EQ(read_text_file(outside.string()), "host secret");
}

// The NM28 reads its cacert when a TLS socket opens: a FIFO there fails that open like a missing
// certificate (+SSLOPEN: <id>,552), and the modem goes on answering.
TEST_F(HardeningFs, Nm28CacertNamingAFifoFailsTheHandshakeWithoutHanging) {
  ASSERT_EQ(::mkfifo((dir_ / "ca.crt").c_str(), 0644), 0);
  TlsServer server({.identity = ModulePki::get().server});
  EmulatorProcess emu({"--model", "nm28", "--log-level", "warn", "--dns", "static", "--fs-dir",
                       dir_.string(), "--route",
                       "139.159.199.233:9019=127.0.0.1:" + std::to_string(server.port())});
  ASSERT_TRUE(emu.started());
  Nm28Host host(emu.pty());
  host.exchange("AT+SSLCFG=\"seclevel\",1,\"1\"\r", "\r\nOK\r\n");
  host.exchange("AT+SSLCFG=\"cacert\",1,\"ca.crt\"\r", "\r\nOK\r\n");
  host.exchange("AT+IPOPEN=1,\"TCP\",\"139.159.199.233\",9019,0,1\r",
                "\r\nOK\r\n\r\n+SSLOPEN: 1,552\r\n");
  host.exchange("AT\r", "\r\nOK\r\n");
  EXPECT_EQ(server.tcp_connections(), 0u);
}

TEST_F(HardeningFs, TheFolderTakesNoMoreEntriesThanTheModule) {
  auto args = air780ep_pty::emulator_args({});
  args.insert(args.end(), {"--fs-dir", dir_.string()});
  EmulatorProcess emu(args);
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  host.discard_input();
  host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  for (int i = 0; i < 128 && !HasFailure(); ++i) {
    host.exchange("AT+FSMKDIR=\"d" + std::to_string(i) + "\"\r", "\r\nOK\r\n");
  }
  host.exchange("AT+FSMKDIR=\"one-too-many\"\r", "\r\nERROR\r\n");
  host.exchange("AT+FSCREATE=\"one-too-many\"\r", "\r\nERROR\r\n");
  EXPECT_FALSE(stdfs::exists(dir_ / "one-too-many"));
  host.exchange("AT+FSRMDIR=\"d0\"\r", "\r\nOK\r\n");
  host.exchange("AT+FSCREATE=\"now-it-fits\"\r", "\r\nOK\r\n");
}

}  // namespace
}  // namespace cellemu::testing
