// The emulated network's parts without threads: network time, numbering, failure causes, the
// SMSC's PDUs, its listing and its log records.
#include <gtest/gtest.h>

#include "emulator/network/failure_cause.h"
#include "emulator/network/network_clock.h"
#include "emulator/network/numbering.h"
#include "emulator/network/service_centre.h"
#include "emulator/sms/message_text.h"
#include "emulator/sms/unicode_text.h"
#include "tests/unit/sms_examples.h"

namespace cellemu::network {
namespace {

using namespace sms::examples;
using std::chrono::seconds;

// The harness clock of services-cases.md: +NITZ 24/07/23,08:35:01+32 (UTC), local 16:35:01.
NetworkClock spec_clock() {
  const auto start = NetworkClock::parse_nitz("24/07/23,08:35:01+32,0").value();
  return NetworkClock(start.utc, start.zone);
}

core::TimePoint at(int s) {
  return core::TimePoint(seconds(s));
}

ServiceCentre centre(std::size_t max_kept = 1000, std::size_t max_reassembly = 64) {
  return ServiceCentre(
      {sms::Address::from_number("+8613800210500").value(), max_kept, max_reassembly});
}

TEST(NetworkClock, StartsAtTheProfileNitzAndRunsWithEmulatedTime) {
  NetworkClock clock = spec_clock();
  EXPECT_EQ(clock.zone(), 32);
  EXPECT_EQ(clock.local(at(0)).text(), "24/07/23,16:35:01+32");
  EXPECT_EQ(clock.local(at(4)).text(), "24/07/23,16:35:05+32");
  EXPECT_EQ(clock.iso8601(at(0)), "2024-07-23T16:35:01+08:00");
  EXPECT_EQ(sms::Timestamp::from_utc(clock.utc(at(59)), 0).text(), "24/07/23,08:36:00+00");
  clock.set_utc(at(100), sms::Timestamp{25, 1, 1, 0, 0, 0, 0}.to_utc());
  EXPECT_EQ(clock.local(at(101)).text(), "25/01/01,08:00:01+32");
  clock.set_zone(-14);
  EXPECT_EQ(clock.iso8601(at(100)), "2024-12-31T20:30:00-03:30");
}

TEST(NetworkClock, NitzForms) {
  EXPECT_TRUE(NetworkClock::parse_nitz("24/08/22,07:00:02+32, "));
  EXPECT_TRUE(NetworkClock::parse_nitz("24/08/22,07:00:02+32"));
  EXPECT_FALSE(NetworkClock::parse_nitz("2024/08/28,07:23:22+0, "));
  EXPECT_FALSE(NetworkClock::parse_nitz("24/08/22,07:00:02+32x"));
  EXPECT_FALSE(NetworkClock::parse_nitz(""));
}

TEST(NetworkNumbering, FleetNumbersCountUp) {
  EXPECT_EQ(consecutive_number("+8613912340000", 0), "+8613912340000");
  EXPECT_EQ(consecutive_number("+8613912340000", 7), "+8613912340007");
  EXPECT_EQ(consecutive_number("13912340999", 1), "13912341000");
  EXPECT_EQ(consecutive_number("0998", 5), "1003");
  EXPECT_FALSE(consecutive_number("99", 1));
  EXPECT_FALSE(consecutive_number("+", 0));
  EXPECT_FALSE(consecutive_number("12a", 0));
}

TEST(NetworkNumbering, NationalDestinationsReachInternationalNumbers) {
  EXPECT_TRUE(reaches("8613912340001", true, "8613912340001"));
  EXPECT_TRUE(reaches("13912340001", false, "8613912340001"));
  EXPECT_FALSE(reaches("13912340001", true, "8613912340001"));
  EXPECT_FALSE(reaches("340001", false, "8613912340001"));  // more than a country code away
  EXPECT_FALSE(reaches("", false, "1"));
}

TEST(NetworkFailureCause, WordsAndCodes) {
  EXPECT_EQ(parse_failure_cause("rejected"), sms::CmsCause::Unknown);
  EXPECT_EQ(parse_failure_cause("timeout"), sms::CmsCause::NetworkTimeout);
  EXPECT_EQ(parse_failure_cause("no-service"), sms::CmsCause::NoNetworkService);
  EXPECT_EQ(parse_failure_cause("330"), sms::CmsCause::SmscUnknown);
  EXPECT_FALSE(parse_failure_cause("299"));
  EXPECT_FALSE(parse_failure_cause("306"));
  EXPECT_FALSE(parse_failure_cause("500x"));
  EXPECT_FALSE(parse_failure_cause(""));
  EXPECT_EQ(failure_cause_usage(), "rejected|timeout|no-service|a +CMS ERROR code (300-500)");
}

TEST(NetworkServiceCentre, DeliverAndReportMatchTheSpecPdus) {
  auto smsc = centre();
  const auto clock = spec_clock();
  // The peer sends "Hello"; the recipient reads D1.
  sms::Submit hello = sms::decode_submit(pdu(kM1).tpdu).value();
  hello.destination = sms::Address::from_number("+8613912340000").value();
  const Delivery d = smsc.deliver_for(hello, sms::Address::from_number("+8613912345678").value(),
                                      clock.local(at(0)));
  EXPECT_EQ(sms::to_hex(d.pdu.octets()), kD1);
  EXPECT_EQ(d.deliver.service_centre_time.text(), "24/07/23,16:35:01+32");
  // S-038: the report for <mr> 1 to the peer, SCTS +4 s, DT +6 s.
  sms::Submit m1r = sms::decode_submit(pdu(kM1R).tpdu).value();
  m1r.reference = 1;
  EXPECT_EQ(sms::to_hex(smsc.report_for(m1r, clock.local(at(4)), clock.local(at(6)), 0).octets()),
            kR1);
  // A report was asked for: the DELIVER says so (TP-SRI, first octet 24).
  EXPECT_EQ(smsc.deliver_for(m1r, hello.destination, clock.local(at(0))).pdu.tpdu[0], 0x24);
}

TEST(NetworkServiceCentre, InjectedTextIsCutIntoParts) {
  auto smsc = centre();
  const auto from = sms::Address::alphanumeric("Operator").value();
  const auto one = smsc.deliveries_for_text(from, U"Hello", spec_clock().local(at(0)));
  ASSERT_TRUE(one);
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ(one->front().deliver.dcs, 0x00);
  EXPECT_EQ(one->front().pdu.sca->value, "+8613800210500");
  const auto many = smsc.deliveries_for_text(from, std::u32string(100, U'好'), {});
  ASSERT_EQ(many->size(), 2u);
  EXPECT_EQ(many->front().deliver.dcs, 0x08);
  EXPECT_EQ(many->front().deliver.user_data.concatenation()->reference, 0);
  const auto next = smsc.deliveries_for_text(from, std::u32string(200, U'a'), {});
  EXPECT_EQ(next->front().deliver.user_data.concatenation()->reference, 1);
  EXPECT_FALSE(smsc.deliveries_for_text(from, std::u32string(256 * 153, U'a'), {}));
}

TEST(NetworkServiceCentre, RecordsJoinPartsAndKeepOutsideMessages) {
  auto smsc = centre();
  const auto s1 = sms::decode_submit(pdu(kS1).tpdu).value();
  const auto s2 = sms::decode_submit(pdu(kS2).tpdu).value();
  const std::string time = "2024-07-23T16:35:01+08:00";
  EXPECT_TRUE(smsc.note(Route::Kept, "+1", "+2", s1.user_data, 0, pdu(kS1).tpdu, time).empty());
  const auto done = smsc.note(Route::Kept, "+1", "+2", s2.user_data, 0, pdu(kS2).tpdu, time);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].text, "Part one, part two.");
  EXPECT_EQ(done[0].parts, 2);
  EXPECT_EQ(done[0].json(),
            "{\"id\":1,\"time\":\"2024-07-23T16:35:01+08:00\",\"route\":\"kept\",\"from\":\"+1\","
            "\"to\":\"+2\",\"parts\":2,\"text\":\"Part one, part two.\"}");
  const auto m1 = sms::decode_submit(pdu(kM1).tpdu).value();
  smsc.note(Route::Modem, "+1", "+3", m1.user_data, 0, pdu(kM1).tpdu, time);
  ASSERT_EQ(smsc.kept().size(), 1u);  // only what left the process
  sms::UserData data{false, {}, {0x00, 0xFF}};
  const auto binary = smsc.note(Route::Kept, "+1", "+2", data, 0x04, {0xAB}, time);
  EXPECT_EQ(binary[0].json().substr(binary[0].json().find("\"parts\"")),
            "\"parts\":1,\"pdu\":[\"AB\"]}");
}

TEST(NetworkServiceCentre, BoundedListAndReassembly) {
  auto smsc = centre(2, 1);
  const auto m1 = sms::decode_submit(pdu(kM1).tpdu).value();
  for (int i = 0; i < 5; ++i) smsc.note(Route::Kept, "+1", "+2", m1.user_data, 0, {}, "t");
  EXPECT_EQ(smsc.kept().size(), 2u);
  EXPECT_EQ(smsc.kept().front().id, 4u);
  // A second unfinished message pushes the first out, incomplete.
  const auto s1 = sms::decode_submit(pdu(kS1).tpdu).value();
  EXPECT_TRUE(smsc.note(Route::Kept, "+1", "+2", s1.user_data, 0, {}, "t").empty());
  const auto out = smsc.note(Route::Kept, "+1", "+9", s1.user_data, 0, {}, "t");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_FALSE(out[0].complete);
  EXPECT_EQ(out[0].to, "+2");
  EXPECT_EQ(out[0].text, "Part one, ");
}

}  // namespace
}  // namespace cellemu::network
