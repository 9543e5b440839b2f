// When URCs reach the host (issue 17 item 4, emulator/at/urc_timing.h): held (OQ-6, the default),
// immediate (as they happen, into an echo or an answer) and race (held, then placed at the worst
// moments). Data inside a send window is never touched in any mode.
#include "tests/model/air780ep_test_util.h"
#include "tests/model/fault_util.h"

namespace cellemu::testing::air780ep_test {
namespace {
using namespace std::chrono_literals;

std::function<void(models::Profile&)> timing(at::UrcTiming mode, bool real_timing = false) {
  return [mode, real_timing](models::Profile& p) {
    p.urc_timing = mode;
    if (real_timing) p.timing = models::Timing::module_like();  // finals 10 ms after the answer
  };
}

TranscriptOptions with_echo(at::UrcTiming mode, bool real_timing = false) {
  return options({}, timing(mode, real_timing), true);
}

bool urc_pending(Transcript& t) {
  return t.model().at().responder().held_bytes() > 0;
}

TEST(UrcTiming, HeldWaitsForTheTypedLineAndItsAnswer) {  // OQ-6
  Transcript t(with_echo(at::UrcTiming::Held));
  t.exchange("AT+CS", "AT+CS");
  t.model().urc("+CREG: 1");
  t.expect_quiet();
  t.exchange("Q\r", "Q\r\r\n+CSQ: 23,0\r\n\r\nOK\r\n\r\n+CREG: 1\r\n");
}

TEST(UrcTiming, ImmediateWritesIntoTheEcho) {
  Transcript t(with_echo(at::UrcTiming::Immediate));
  t.exchange("AT+CS", "AT+CS");
  t.model().urc("+CREG: 1");
  t.expect("\r\n+CREG: 1\r\n");
  t.exchange("Q\r", "Q\r\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
}

TEST(UrcTiming, RacePlacesAHeldUrcRightAfterTheEcho) {
  Transcript t(with_echo(at::UrcTiming::Race));
  t.exchange("AT+CS", "AT+CS");
  t.model().urc("+CREG: 1");
  t.expect_quiet();
  t.exchange("Q\r", "Q\r\r\n+CREG: 1\r\n\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
}

// A URC that comes while a command runs (module-like timing: the final follows 10 ms later).
TEST(UrcTiming, WhileACommandRunsEachModePlacesItsOwnWay) {
  Transcript held(with_echo(at::UrcTiming::Held, true));
  held.exchange("AT+CSQ\r", "AT+CSQ\r\r\n+CSQ: 23,0\r\n");
  held.model().urc("+CREG: 1");
  held.advance(10ms);
  held.expect("\r\nOK\r\n\r\n+CREG: 1\r\n");

  Transcript immediate(with_echo(at::UrcTiming::Immediate, true));
  immediate.exchange("AT+CSQ\r", "AT+CSQ\r\r\n+CSQ: 23,0\r\n");
  immediate.model().urc("+CREG: 1");
  immediate.expect("\r\n+CREG: 1\r\n");
  immediate.advance(10ms);
  immediate.expect("\r\nOK\r\n");

  Transcript race(with_echo(at::UrcTiming::Race, true));
  race.exchange("AT+CSQ\r", "AT+CSQ\r\r\n+CSQ: 23,0\r\n");
  race.model().urc("+CREG: 1");
  race.expect_quiet();
  race.advance(10ms);  // between the information text and the final result
  race.expect("\r\n+CREG: 1\r\n\r\nOK\r\n");
}

// Race: a push that arrives while AT+CIPSEND is typed lands just before the prompt; one that
// arrives inside the window waits for the send result. The sent bytes reach the peer intact.
TEST(UrcTiming, RaceLandsBeforeThePromptAndNeverInsideTheWindow) {
  TcpServer server;
  Transcript t = routed_modem(server, timing(at::UrcTiming::Race));
  connected_multi(t, server, 0, {0});
  t.send("AT+CIPSEND=0,5");
  server.send(0, "hello");
  ASSERT_TRUE(t.poll_until([&] { return urc_pending(t); }));
  t.exchange("\r", "\r\n+RECEIVE,0,5:\r\nhello\r\n\r\n> ");
  t.send("wor");
  server.send(0, "again");
  ASSERT_TRUE(t.poll_until([&] { return urc_pending(t); }));
  t.expect_quiet();
  t.exchange("ld", "\r\n0, SEND OK\r\n\r\n+RECEIVE,0,5:\r\nagain\r\n");
  await_received(t, server, 0, 5);
  EXPECT_EQ(server.received(0), "world");
}

// Immediate: the window still holds URCs; they go out as soon as it closes.
TEST(UrcTiming, ImmediateNeverWritesInsideTheWindow) {
  TcpServer server;
  Transcript t = routed_modem(server, timing(at::UrcTiming::Immediate));
  connected_multi(t, server, 0, {0});
  t.exchange("AT+CIPSEND=0,5\r", "\r\n> ");
  t.send("wor");
  server.send(0, "again");
  ASSERT_TRUE(t.poll_until([&] { return urc_pending(t); }));
  t.expect_quiet();
  t.exchange("ld", "\r\n+RECEIVE,0,5:\r\nagain\r\n\r\n0, SEND OK\r\n");
  await_received(t, server, 0, 5);
  EXPECT_EQ(server.received(0), "world");
}

// The fault verb switches a running modem; held URCs go out if the new mode lets them.
TEST(UrcTiming, TheVerbSwitchesAtRunTime) {
  Transcript t(with_echo(at::UrcTiming::Held));
  EXPECT_EQ(status(t)["urc_timing"], "held");
  t.exchange("AT+CS", "AT+CS");
  t.model().urc("+CREG: 1");
  t.expect_quiet();
  inject(t, "urc-timing immediate");
  t.expect("\r\n+CREG: 1\r\n");
  inject(t, "urc-timing race");
  EXPECT_EQ(status(t)["urc_timing"], "race");
  t.exchange("Q\r", "Q\r\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
