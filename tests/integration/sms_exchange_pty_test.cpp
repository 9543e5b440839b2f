// SMS through the real binary's ptys: two modems of one fleet exchange a concatenated UCS2
// message in PDU mode, a message injected with `cellemu ctl sms deliver` is read back with
// AT+CMGR, a failure injected with `ctl sms fail` answers +CMS ERROR, `ctl sms list` shows what
// the service centre kept (spec services §2; issue 15).
#include <unistd.h>

#include <gtest/gtest.h>

#include "emulator/sms/message_text.h"
#include "emulator/sms/pdu_codec.h"
#include "tests/support/emulator_process.h"
#include "tests/support/fixture_support.h"

namespace cellemu::testing {
namespace {

// The SUBMIT PDUs (SCA "00") of `text` to `to`, cut into concatenated UCS2 parts.
std::vector<std::string> ucs2_parts(const std::u32string& text, const std::string& to) {
  std::vector<std::string> out;
  const sms::TextParts parts = sms::split_text(text, 0x42, true).value();
  for (const auto& ud : parts.parts) {
    sms::Submit s;
    s.destination = sms::Address::from_number(to).value();
    s.dcs = 0x08;
    s.validity = {sms::VpFormat::Relative, 167};
    s.user_data = ud;
    out.push_back("00" + sms::to_hex(sms::encode(s).value()));
  }
  return out;
}

struct Fleet {
  Fleet() : control(temp_path("sms-ctl") + ".sock"), emu(args(control), 2) {}
  static std::vector<std::string> args(const std::string& control) {
    return {"--count", "2", "--control", control, "--log-level", "warn"};
  }
  CommandResult ctl(std::vector<std::string> words, int modem = 0) {
    std::vector<std::string> argv = {"ctl", "--control", control, "--modem", std::to_string(modem)};
    argv.insert(argv.end(), words.begin(), words.end());
    return run_cellemu(argv);
  }
  std::string control;
  EmulatorProcess emu;
};

TEST(SmsExchangePty, TwoModemsOfAFleetExchangeAConcatenatedUcs2MessageInPduMode) {
  Fleet f;
  ASSERT_TRUE(f.emu.started()) << f.emu.logs();
  PtyClient a(f.emu.pty(0));
  PtyClient b(f.emu.pty(1));
  for (PtyClient* host : {&a, &b}) {
    host->discard_input();
    host->exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  }
  b.exchange("AT+CNMI=2,2,0,0,0\r", "\r\nOK\r\n");
  const std::u32string text = std::u32string(50, U'你') + U" ... " + std::u32string(50, U'好');
  const auto parts = ucs2_parts(text, "+8613912340001");  // modem1: modem0's number + 1
  ASSERT_EQ(parts.size(), 2u);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    a.exchange("AT+CMGS=" + std::to_string(parts[i].size() / 2 - 1) + "\r", "\r\n> ");
    a.exchange(parts[i] + "\x1A", "\r\n+CMGS: " + std::to_string(i) + "\r\n\r\nOK\r\n");
  }
  // One +CMT per segment (OQ-S6), each with modem0 as the originator: "\r\n", the header
  // line, the PDU line.
  std::string cmts;
  auto line_ends = [&cmts] {
    std::size_t n = 0;
    for (auto at = cmts.find("\r\n"); at != std::string::npos; at = cmts.find("\r\n", at + 2)) ++n;
    return n;
  };
  const auto until = std::chrono::steady_clock::now() + 10s;
  while (line_ends() < 6 && std::chrono::steady_clock::now() < until) {
    cmts += b.read_until("\r\n", 1s);
  }
  EXPECT_EQ(cmts.rfind("\r\n+CMT: ,", 0), 0u) << cmts;
  EXPECT_NE(cmts.find("\r\n+CMT: ,", 2), std::string::npos) << cmts;
  EXPECT_NE(cmts.find("0D91683119320400F0"), std::string::npos) << cmts;  // +8613912340000
  EXPECT_EQ(f.emu.terminate(), 0);
}

TEST(SmsExchangePty, AnInjectedMessageIsReadBackWithCmgr) {
  Fleet f;
  ASSERT_TRUE(f.emu.started()) << f.emu.logs();
  PtyClient a(f.emu.pty(0));
  a.discard_input();
  a.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  a.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  a.exchange("AT+CNMI=2,1\r", "\r\nOK\r\n");
  const auto r = f.ctl({"sms", "deliver", "+8613912345678", "Hello", "from", "ctl"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  a.expect("\r\n+CMTI: \"SM\",1\r\n");
  a.send("AT+CMGR=1\r");
  const std::string read = a.read_until("OK\r\n");
  EXPECT_NE(read.find("+CMGR: \"REC UNREAD\",\"+8613912345678\",,\""), std::string::npos) << read;
  EXPECT_NE(read.find("\r\nHello from ctl\r\n\r\nOK\r\n"), std::string::npos) << read;
  // --pdu: services-cases D1 as +CMT would show it.
  const auto p = f.ctl({"sms", "deliver", "-", "-", "--pdu",
                        "0891683108200105F0040D91683119325476F800004270326153102305C8329BFD06"});
  ASSERT_EQ(p.exit_code, 0) << p.out << p.err;
  a.expect("\r\n+CMTI: \"SM\",2\r\n");
  EXPECT_EQ(f.emu.terminate(), 0);
}

TEST(SmsExchangePty, CtlSmsFailAndList) {
  Fleet f;
  ASSERT_TRUE(f.emu.started()) << f.emu.logs();
  PtyClient a(f.emu.pty(0));
  a.discard_input();
  a.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  a.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  ASSERT_EQ(f.ctl({"sms", "fail", "timeout"}).exit_code, 0);
  a.exchange("AT+CMGS=\"+8613912345678\"\r", "\r\n> ");
  a.exchange("first\x1A", "\r\n+CMS ERROR: 332\r\n");
  a.exchange("AT+CMGS=\"+8613912345678\"\r", "\r\n> ");
  // The failed message went out and used <mr> 0 (OQ-S5: one per SMS-SUBMIT sent).
  a.exchange("second\x1A", "\r\n+CMGS: 1\r\n\r\nOK\r\n");
  const auto list = f.ctl({"sms", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("\"text\":\"second\""), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("\"text\":\"first\""), std::string::npos) << list.out;
  EXPECT_NE(f.ctl({"sms", "fail", "299"}).exit_code, 0);
  EXPECT_EQ(f.emu.terminate(), 0);
}

// services §4.2 (K-010): after AT+CPOWD=1 the pty stays open and silent until the power key.
TEST(SmsExchangePty, K010_PowerDownByCpowdAndOnByCtl) {
  Fleet f;
  ASSERT_TRUE(f.emu.started()) << f.emu.logs();
  PtyClient a(f.emu.pty(0));
  a.discard_input();
  a.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  a.exchange("AT+CPOWD=1\r", "\r\nNORMAL POWER DOWN\r\n");
  a.send("AT\r");
  EXPECT_EQ(a.read_until("OK", 500ms), "");
  ASSERT_EQ(f.ctl({"power", "on"}).exit_code, 0);
  std::string boot = a.read_until("+NITZ: ");
  if (boot.find("\r\n", boot.find("+NITZ: ")) == std::string::npos) boot += a.read_until("\r\n");
  EXPECT_NE(boot.find("^MODE: 17,17"), std::string::npos) << boot;
  a.exchange("AT\r", "AT\r\r\nOK\r\n");  // echo on again after the boot
  ASSERT_EQ(f.ctl({"power", "off"}).exit_code, 0);
  a.send("AT\r");
  EXPECT_EQ(a.read_until("OK", 500ms), "");
  EXPECT_EQ(f.emu.terminate(), 0);
}

}  // namespace
}  // namespace cellemu::testing
