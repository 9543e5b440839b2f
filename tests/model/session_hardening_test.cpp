// One modem's limits and faults stay its own (issue 14 items 1 and 4), on the in-memory line:
// a host that never reads its answers is stopped after ModemSession::kOutputLimit of them (as
// RTS/CTS would) and loses nothing; an exception thrown while the modem works (a command, a
// timer) is caught at its boundary and answered ERROR, and the modem takes the next command.
#include <stdexcept>

#include <gtest/gtest.h>

#include "tests/support/transcript.h"

namespace cellemu::testing {
namespace {

constexpr std::string_view kCsqAnswer = "\r\n+CSQ: 23,0\r\n\r\nOK\r\n";

TEST(SessionOutputBound, AHostThatDoesNotReadIsStoppedAndLosesNothing) {
  Transcript t;
  t.channel->hold_output(true);  // the host stops reading
  std::string batch;
  for (int i = 0; i < 256; ++i) batch += "AT+CSQ\r";
  std::size_t sent = 0;
  while (!t.channel->input_paused() && sent < 100000) {
    t.send(batch);  // what one read of the port would hand over
    sent += 256;
  }
  ASSERT_TRUE(t.channel->input_paused()) << "never paused after " << sent << " commands";
  EXPECT_GT(t.channel->queued_output(), session::ModemSession::kOutputLimit);
  EXPECT_LE(t.channel->queued_output(),
            session::ModemSession::kOutputLimit + 256 * kCsqAnswer.size());
  const std::string answers = t.take();  // the host reads again: input resumes
  EXPECT_FALSE(t.channel->input_paused());
  std::string expected;
  for (std::size_t i = 0; i < sent; ++i) expected += kCsqAnswer;
  EXPECT_EQ(answers.size(), expected.size());
  EXPECT_TRUE(answers == expected);
  t.channel->hold_output(false);
  t.exchange("AT+CSQ\r", kCsqAnswer);
}

Transcript throwing_modem(const std::string& model = "air780ep") {
  return Transcript(TranscriptOptions{
      .model = model, .session = [](session::SessionConfig& c) { c.test_throw_on = "+BOOM"; }});
}

TEST(SessionFaults, ACommandThatThrowsAnswersErrorAndTheModemGoesOn) {
  Transcript t = throwing_modem();
  t.exchange("AT+BOOM\r", "\r\nERROR\r\n");
  EXPECT_EQ(t.session->boundary().faults(), 1u);
  t.exchange("AT+CSQ\r", kCsqAnswer);
  t.exchange("ATE1\r", "\r\nOK\r\n");
  t.exchange("AT+BOOM\r", "AT+BOOM\r\r\nERROR\r\n");
  t.exchange("AT\r", "AT\r\r\nOK\r\n");  // the line buffer was not left half full
  EXPECT_EQ(t.session->boundary().faults(), 2u);
}

TEST(SessionFaults, ATimerThatThrowsIsContainedAndOtherTimersRunOn) {
  Transcript t;
  bool later = false;
  t.session->timers().schedule(std::chrono::milliseconds(1),
                               [] { throw std::logic_error("timer fault"); });
  t.session->timers().schedule(std::chrono::milliseconds(2), [&later] { later = true; });
  t.advance(std::chrono::milliseconds(5));
  EXPECT_EQ(t.session->boundary().faults(), 1u);
  EXPECT_TRUE(later);
  t.expect_quiet();  // no command was running: nothing to answer
  t.exchange("AT+CSQ\r", kCsqAnswer);
}

// A fault while a command waits for its result (NM28 AT+IPDNSR on a resolver that never
// answers) ends that command with ERROR; the late answer is then ignored.
TEST(SessionFaults, AFaultWhileACommandWaitsEndsItWithError) {
  Transcript t(TranscriptOptions{
      .model = "nm28", .net = [](net::NetConfig& n) { n.dns = net::NetConfig::DnsMode::System; }});
  net::Resolver::Callback answer;
  t.session->sockets().resolver().set_host_lookup(
      [&answer](const std::string&, net::Resolver::Callback done) { answer = std::move(done); });
  t.send("AT+IPDNSR=\"slow.example\"\r");
  t.expect_quiet();
  ASSERT_TRUE(answer);
  t.session->timers().schedule(core::Duration::zero(),
                               [] { throw std::runtime_error("fault elsewhere"); });
  t.advance(core::Duration::zero());
  t.expect("\r\nERROR\r\n");
  answer(std::nullopt, {boost::asio::ip::make_address("1.2.3.4")});
  t.expect_quiet();
  t.exchange("AT\r", "\r\nOK\r\n");
}

}  // namespace
}  // namespace cellemu::testing
