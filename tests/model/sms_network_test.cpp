// Sessions attached to the emulated network: what the engine decides below the (coming) 27.005
// handlers, on real sessions with their in-memory serial lines and manual clocks.
#include <gtest/gtest.h>

#include "emulator/network/network.h"
#include "emulator/session/network_options.h"
#include "tests/support/transcript.h"
#include "tests/unit/sms_examples.h"

namespace cellemu::testing {
namespace {

using namespace sms::examples;

TranscriptOptions on(std::shared_ptr<network::Network> network, std::string name,
                     std::string number, std::string model = "air780ep") {
  TranscriptOptions o;
  o.model = std::move(model);
  o.session = [network, name, number](session::SessionConfig& c) {
    c.network = network;
    c.name = name;
    c.profile.sms.msisdn = number;
  };
  return o;
}

std::string hello_to(std::string_view to) {
  sms::Submit s = sms::decode_submit(pdu(kM1).tpdu).value();
  s.destination = sms::Address::from_number(to).value();
  return "00" + sms::to_hex(sms::encode(s).value());
}

sms::MessageStore& inbox(Transcript& t) {
  return t.model().sms().storages().mem3();
}

TEST(SmsNetworkSession, S012_AnInjectedMessageIsStoredSilently) {
  Transcript t;
  EXPECT_EQ(t.session->registration().number(), "+8613912340000");
  ASSERT_TRUE(t.session->registration().deliver_pdu(kD1).ok());
  ASSERT_TRUE(t.poll_until([&] { return inbox(t).used() == 1; }));
  t.expect_quiet();  // CNMI 0,0,0,0,0 after power-up (OQ-S1)
  EXPECT_EQ(sms::to_hex(inbox(t).find(1)->pdu.octets()), kD1);
  EXPECT_EQ(inbox(t).find(1)->status, sms::MessageStatus::RecUnread);
}

TEST(SmsNetworkSession, TwoSessionsOnTwoIoContextsShareOneNetwork) {
  auto network = network::Network::create(session::network_options_for(models::air780ep_profile()));
  Transcript a(on(network, "modem0", "+8613912340000"));
  Transcript b(on(network, "modem1", "+8613912340001", "nm28"));
  EXPECT_EQ(network->attached(), 2u);
  const auto sent = a.model().sms().send_pdu(hello_to("+8613912340001"), 20);
  ASSERT_TRUE(sent.mr);
  EXPECT_EQ(*sent.mr, 0);
  ASSERT_TRUE(b.poll_until([&] { return inbox(b).used() == 1; }));
  const auto d = sms::decode_deliver(inbox(b).find(1)->pdu.tpdu).value();
  EXPECT_EQ(d.originator.value, "+8613912340000");
  EXPECT_EQ(b.model().sms().counters().received, 1u);
  a.expect_quiet();
  // A message to a number outside the process stays with the SMSC.
  ASSERT_TRUE(a.model().sms().send_pdu(kM1, 20).mr);
  ASSERT_EQ(network->kept().size(), 1u);
  EXPECT_EQ(network->kept()[0].to, "+8613912345678");
}

TEST(SmsNetworkSession, PerModelPowerUpValues) {
  Transcript air;
  Transcript nm28({.model = "nm28"});
  EXPECT_EQ(air.model().sms().settings().cnmi, (sms::CnmiSettings{0, 0, 0, 0, 0}));   // OQ-S1
  EXPECT_EQ(nm28.model().sms().settings().cnmi, (sms::CnmiSettings{2, 1, 0, 0, 0}));  // §9
  const auto usage = air.model().sms().storages().usage();
  EXPECT_EQ(usage[0].total, 50u);
  EXPECT_EQ(air.model().sms().storages().store(sms::Storage::Me).capacity(), 10u);
  EXPECT_EQ(air.model().sms().smsc()->value, "+8613800210500");
}

TEST(SmsNetworkSession, S035_SimAndRadioGateSmsBothWays) {
  // A SIM put back is seen at once (the Air780EP's own profile needs a reset, issue 17).
  Transcript t({.profile = [](models::Profile& p) { p.sim_hotplug = true; }});
  t.model().set_sim(models::SimState::Absent);
  EXPECT_EQ(t.model().sms().send_pdu(kM1, 20).mr.error(), sms::CmsCause::SimNotInserted);
  ASSERT_TRUE(t.session->registration().deliver_pdu(kD1).ok());
  ASSERT_TRUE(t.poll_until([&] { return t.model().sms().counters().refused == 1; }));
  EXPECT_EQ(inbox(t).used(), 0u);
  t.model().set_sim(models::SimState::Ready);
  t.model().radio().cfun = 0;
  EXPECT_EQ(t.model().sms().send_pdu(kM1, 20).mr.error(), sms::CmsCause::NoNetworkService);
}

TEST(SmsNetworkSession, S035_ChinaTelecomSimHasNoSms) {
  Transcript t({.profile = [](models::Profile& p) { p.network.operator_numeric = "46011"; }});
  EXPECT_EQ(t.model().sms().send_pdu(kM1, 20).mr.error(), sms::CmsCause::Unknown);
  Transcript nm28({.model = "nm28",
                   .profile = [](models::Profile& p) { p.network.operator_numeric = "46011"; }});
  EXPECT_TRUE(nm28.model().sms().send_pdu(kM1, 20).mr);
}

TEST(SmsNetworkSession, RealTimingDelaysTheAnswer) {
  Transcript t({.profile = [](models::Profile& p) { p.timing = models::Timing::module_like(); }});
  EXPECT_EQ(t.model().sms().send_pdu(kM1, 20).delay, std::chrono::seconds(2));
}

TEST(SmsNetworkSession, RebootKeepsStoredMessagesAndForgetsSettings) {
  Transcript t;
  t.model().sms().settings().text_mode = true;
  ASSERT_TRUE(t.session->registration().deliver_pdu(kD1).ok());
  ASSERT_TRUE(t.poll_until([&] { return inbox(t).used() == 1; }));
  ASSERT_TRUE(t.model().sms().send_pdu(kM1, 20).mr);
  t.model().reboot();
  EXPECT_EQ(inbox(t).used(), 1u);
  EXPECT_FALSE(t.model().sms().settings().text_mode);
  EXPECT_EQ(*t.model().sms().send_pdu(kM1, 20).mr, 0);  // OQ-S5: a new power-up
}

TEST(SmsNetworkSession, ASessionWithoutANetworkGetsItsOwn) {
  Transcript t({.profile = [](models::Profile& p) { p.nitz = "24/07/23,08:35:01+32,0"; }});
  EXPECT_EQ(t.session->network().attached(), 1u);
  EXPECT_EQ(t.session->network().clock().local(t.timers.now()).text(), "24/07/23,16:35:01+32");
  ASSERT_TRUE(t.session->registration().deliver_text("+8613912345678", "Hello").ok());
  ASSERT_TRUE(t.poll_until([&] { return inbox(t).used() == 1; }));
  EXPECT_EQ(sms::to_hex(inbox(t).find(1)->pdu.octets()), kD1);
}

}  // namespace
}  // namespace cellemu::testing
