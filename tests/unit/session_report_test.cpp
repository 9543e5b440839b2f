#include "emulator/replay/session_report.h"

#include <gtest/gtest.h>

namespace cellemu::replay {
namespace {

TEST(SessionReport, UrcKeys) {
  EXPECT_EQ(SessionReport::urc_key("\r\nCONNECT OK\r\n"), "CONNECT OK");
  EXPECT_EQ(SessionReport::urc_key("\r\n+CEREG: 2\r\n"), "+CEREG");
  EXPECT_EQ(SessionReport::urc_key("\r\n0, CLOSED\r\n"), "<n>, CLOSED");
  EXPECT_EQ(SessionReport::urc_key("\r\n+RECEIVE,0,10:\r\n0123456789"), "+RECEIVE");
  EXPECT_EQ(SessionReport::urc_key("\r\n+IPURC: \"recv\",1,10\r\nABCDEFGHIJ"), "+IPURC \"recv\"");
  EXPECT_EQ(SessionReport::urc_key("\r\nIPREAD: 1\r\n"), "IPREAD");
  EXPECT_EQ(SessionReport::urc_key("\r\n^MODE: 17,17\r\n"), "^MODE");
  EXPECT_EQ(SessionReport::urc_key("hello world\r\n"), "(data)");
  // A quoted topic or number is data, not a kind: the keys stay few.
  EXPECT_EQ(SessionReport::urc_key("\r\n+MSUB: \"r/t\",5 byte,hello\r\n"), "+MSUB");
  EXPECT_EQ(SessionReport::urc_key("\r\n+CMT: \"+8613800000000\",,\"24/07/23\"\r\nhi\r\n"), "+CMT");
}

TEST(SessionReport, CommandKeys) {
  EXPECT_EQ(SessionReport::command_key({"+CIPSTART", at::CommandKind::Set, "x"}), "+CIPSTART=");
  EXPECT_EQ(SessionReport::command_key({"+CPIN", at::CommandKind::Read}), "+CPIN?");
  EXPECT_EQ(SessionReport::command_key({"+CMEE", at::CommandKind::Test}), "+CMEE=?");
  EXPECT_EQ(SessionReport::command_key({"E", at::CommandKind::Exec, "0"}), "E");
}

}  // namespace
}  // namespace cellemu::replay
