// The emulated network between modems: each modem is an SmsService on its own io_context and
// clock, attached to one Network; deliveries, status reports, the SMSC's list and log, injection
// and failures (spec services §2.1, §2.13; issue 15).
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "emulator/core/manual_timer_service.h"
#include "emulator/network/network.h"
#include "emulator/network/registration.h"
#include "emulator/sms/message_text.h"
#include "emulator/sms/sms_service.h"
#include "emulator/sms/unicode_text.h"
#include "tests/unit/sms_examples.h"

namespace cellemu::network {
namespace {

using namespace sms::examples;
using std::chrono::seconds;

struct RecordingSink final : sms::IndicationSink {
  std::vector<sms::Indication> seen;
  void on_sms_indication(const sms::Indication& i) override { seen.push_back(i); }
  bool in_data_state() const override { return false; }
};

// One modem as far as SMS goes: its thread's io_context and clock, its SMS entity, attached.
struct Modem {
  Modem(const std::shared_ptr<Network>& network, std::string name, std::string number)
      : service(timers, config(), [this] { return radio; }) {
    registration =
        network->attach({std::move(name), std::move(number), io.get_executor(), &timers, &service});
    service.attach_network(registration.get());
    service.set_sink(&sink);
  }
  ~Modem() { registration.reset(); }
  static sms::SmsServiceConfig config() {
    sms::SmsServiceConfig c;
    c.smsc = sms::Address::from_number("+8613800210500");
    return c;
  }
  std::size_t run() {
    const std::size_t n = io.poll();
    io.restart();
    return n;
  }
  sms::Pdu stored(int index) { return service.storages().mem3().find(index)->pdu; }

  core::ManualTimerService timers;
  boost::asio::io_context io;
  sms::RadioConditions radio;
  RecordingSink sink;
  sms::SmsService service;
  std::unique_ptr<Registration> registration;
};

NetworkOptions spec_options() {
  NetworkOptions o;
  const auto start = NetworkClock::parse_nitz("24/07/23,08:35:01+32,0").value();
  o.utc_at_zero = start.utc;
  o.zone = start.zone;
  return o;
}

// Hello from `from` to `to`, with a status report request when `srr`.
std::string hello_to(std::string_view to, bool srr = false) {
  sms::Submit s = sms::decode_submit(pdu(kM1).tpdu).value();
  s.destination = sms::Address::from_number(to).value();
  s.status_report_request = srr;
  return "00" + sms::to_hex(sms::encode(s).value());
}

TEST(NetworkDelivery, BetweenTwoModemsWithAStatusReport) {
  auto network = Network::create(spec_options());
  Modem a(network, "modem0", "+8613912340000");
  Modem b(network, "modem1", "+8613912340001");
  a.service.set_cnmi({2, 1, 0, 1, 0});
  b.service.set_cnmi({2, 1, 0, 0, 0});
  EXPECT_EQ(network->attached(), 2u);
  const auto sent = a.service.send_pdu(hello_to("+8613912340001", true), 20);
  ASSERT_TRUE(sent.mr);
  EXPECT_TRUE(b.sink.seen.empty());  // posted, not run inline
  EXPECT_EQ(b.run(), 1u);
  ASSERT_EQ(b.sink.seen.size(), 1u);
  EXPECT_EQ(std::get<sms::NewMessageIndication>(b.sink.seen[0]).index, 1);
  const sms::Pdu got = b.stored(1);
  const auto deliver = sms::decode_deliver(got.tpdu).value();
  EXPECT_EQ(deliver.originator.value, "+8613912340000");
  EXPECT_EQ(deliver.originator.type, 145);
  EXPECT_EQ(deliver.service_centre_time.text(), "24/07/23,16:35:01+32");
  EXPECT_TRUE(deliver.status_report_indication);
  EXPECT_EQ(got.sca->value, "+8613800210500");
  // B stored it: A hears it was received.
  EXPECT_EQ(a.run(), 1u);
  ASSERT_EQ(a.sink.seen.size(), 1u);
  const auto report =
      sms::decode_status_report(std::get<sms::RoutedReportIndication>(a.sink.seen[0]).pdu.tpdu);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->reference, *sent.mr);
  EXPECT_EQ(report->recipient.value, "+8613912340001");
  EXPECT_EQ(report->status, sms::status::kReceived);
  EXPECT_EQ(network->stats().delivered, 1u);
  EXPECT_EQ(network->stats().reports, 1u);
  EXPECT_TRUE(network->kept().empty());
}

TEST(NetworkDelivery, NationalNumbersAndSelfSends) {
  auto network = Network::create(spec_options());
  Modem a(network, "modem0", "+8613912340000");
  a.service.send_text(sms::Address::from_number("13912340000").value(), "to me");
  a.run();
  EXPECT_EQ(a.service.storages().mem3().used(), 1u);
}

TEST(NetworkDelivery, ARefusedMessageReportsNoResponse) {
  auto network = Network::create(spec_options());
  Modem a(network, "modem0", "+8613912340000");
  Modem b(network, "modem1", "+8613912340001");
  a.service.set_cnmi({2, 1, 0, 1, 0});
  b.radio.registered = false;
  ASSERT_TRUE(a.service.send_pdu(hello_to("+8613912340001", true), 20).mr);
  b.run();
  a.run();
  ASSERT_EQ(a.sink.seen.size(), 1u);
  EXPECT_EQ(
      sms::decode_status_report(std::get<sms::RoutedReportIndication>(a.sink.seen[0]).pdu.tpdu)
          ->status,
      sms::status::kNoResponse);
}

TEST(NetworkDelivery, DeliveryDelayRunsOnTheRecipientsClock) {  // S-038's SCTS and DT
  NetworkOptions options = spec_options();
  options.delivery_delay = seconds(2);
  auto network = Network::create(options);
  Modem a(network, "modem0", "+8613912340000");
  Modem b(network, "modem1", "+8613912340001");
  a.service.set_cnmi({2, 1, 0, 1, 0});
  a.timers.advance(seconds(4));
  b.timers.advance(seconds(4));
  ASSERT_TRUE(a.service.send_pdu(hello_to("+8613912340001", true), 20).mr);
  b.run();
  EXPECT_EQ(b.service.storages().mem3().used(), 0u);
  b.timers.advance(seconds(2));
  EXPECT_EQ(b.service.storages().mem3().used(), 1u);
  a.run();
  const auto report =
      sms::decode_status_report(std::get<sms::RoutedReportIndication>(a.sink.seen.at(0)).pdu.tpdu);
  EXPECT_EQ(report->service_centre_time.text(), "24/07/23,16:35:05+32");
  EXPECT_EQ(report->discharge_time.text(), "24/07/23,16:35:07+32");
}

TEST(NetworkDelivery, S038_OutsideNumbersAreKeptAndReported) {
  NetworkOptions options = spec_options();
  options.delivery_delay = seconds(2);
  auto network = Network::create(options);
  Modem a(network, "modem0", "+8613912340000");
  a.service.set_cnmi({2, 1, 0, 1, 0});
  a.service.send_pdu(kM1, 20);  // <mr> 0
  a.timers.advance(seconds(4));
  ASSERT_EQ(*a.service.send_pdu(kM1R, 20).mr, 1);
  a.run();
  EXPECT_TRUE(a.sink.seen.empty());
  a.timers.advance(seconds(2));
  ASSERT_EQ(a.sink.seen.size(), 1u);
  EXPECT_EQ(sms::to_hex(std::get<sms::RoutedReportIndication>(a.sink.seen[0]).pdu.octets()), kR1);
  const auto kept = network->kept();
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].from, "+8613912340000");
  EXPECT_EQ(kept[0].to, "+8613912345678");
  EXPECT_EQ(kept[0].text, "Hello");
  EXPECT_EQ(kept[1].time, "2024-07-23T16:35:05+08:00");
  EXPECT_EQ(network->stats().kept, 2u);
}

TEST(NetworkDelivery, FailNextSubmitOnce) {
  auto network = Network::create(spec_options());
  Modem a(network, "modem0", "+8613912340000");
  a.registration->fail_next_submit(sms::CmsCause::Unknown);
  EXPECT_EQ(a.service.send_pdu(kM1, 20).mr.error(), sms::CmsCause::Unknown);
  EXPECT_TRUE(a.service.send_pdu(kM1, 20).mr);
  EXPECT_EQ(network->kept().size(), 1u);
}

TEST(NetworkDelivery, InjectedTextAndPdu) {
  auto network = Network::create(spec_options());
  Modem a(network, "modem0", "+8613912340000");
  a.service.set_cnmi({2, 2, 0, 0, 0});
  const auto r = a.registration->deliver_text("+8613912345678", "Hello");
  EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.parts, 1);
  a.run();
  ASSERT_EQ(a.sink.seen.size(), 1u);
  EXPECT_EQ(sms::to_hex(std::get<sms::RoutedMessageIndication>(a.sink.seen[0]).pdu.octets()), kD1);
  // S-024 with LM's own PDU; an SCA of 00 gets the network's SMSC.
  EXPECT_TRUE(a.registration->deliver_pdu(kDL).ok());
  EXPECT_TRUE(a.registration->deliver_pdu(std::string("00") + std::string(kDL.substr(18))).ok());
  a.run();
  ASSERT_EQ(a.sink.seen.size(), 3u);
  EXPECT_EQ(sms::to_hex(std::get<sms::RoutedMessageIndication>(a.sink.seen[1]).pdu.octets()), kDL);
  EXPECT_EQ(sms::to_hex(std::get<sms::RoutedMessageIndication>(a.sink.seen[2]).pdu.octets()), kDL);
  EXPECT_EQ(network->stats().injected, 3u);
}

TEST(NetworkDelivery, InjectionErrors) {
  auto network = Network::create(spec_options());
  Modem a(network, "modem0", "+8613912340000");
  EXPECT_FALSE(a.registration->deliver_text("no such sender!", "x").ok());
  EXPECT_FALSE(a.registration->deliver_pdu("0G").ok());
  EXPECT_FALSE(a.registration->deliver_pdu(kM1).ok());  // a SUBMIT is not delivered
  EXPECT_FALSE(a.registration->deliver_text("+1", std::string(256 * 153, 'a')).ok());
  const auto name = a.registration->deliver_text("Bank", "Your code is 1234");
  EXPECT_TRUE(name.ok());
  a.run();
  const auto d = sms::decode_deliver(a.stored(1).tpdu).value();
  EXPECT_EQ(d.originator.value, "Bank");
  EXPECT_TRUE(d.originator.is_alphanumeric());
}

TEST(NetworkDelivery, ConcatenatedUcs2BetweenModemsInPduMode) {
  auto network = Network::create(spec_options());
  Modem a(network, "modem0", "+8613912340000");
  Modem b(network, "modem1", "+8613912340001");
  b.service.set_cnmi({2, 2, 0, 0, 0});
  const std::u32string text = std::u32string(60, U'你') + U" — " + std::u32string(60, U'好');
  const auto parts = sms::split_text(text, 0x42).value();
  ASSERT_EQ(parts.alphabet, sms::Alphabet::Ucs2);
  ASSERT_EQ(parts.parts.size(), 2u);
  for (const auto& ud : parts.parts) {
    sms::Submit s;
    s.destination = sms::Address::from_number("+8613912340001").value();
    s.dcs = 0x08;
    s.validity = {sms::VpFormat::Relative, 167};
    s.user_data = ud;
    const sms::Octets tpdu = sms::encode(s).value();
    ASSERT_TRUE(a.service.send_pdu("00" + sms::to_hex(tpdu), tpdu.size()).mr);
  }
  b.run();
  ASSERT_EQ(b.sink.seen.size(), 2u);  // one +CMT per segment (OQ-S6)
  std::u32string joined;
  for (const auto& seen : b.sink.seen) {
    const auto d = sms::decode_deliver(std::get<sms::RoutedMessageIndication>(seen).pdu.tpdu);
    EXPECT_EQ(d->user_data.concatenation()->reference, 0x42);
    joined += sms::text_of(d->user_data, d->coding()).value();
  }
  EXPECT_EQ(joined, text);
}

TEST(NetworkDelivery, LogLines) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("cellemu-sms-log-" + std::to_string(::getpid()) + ".jsonl");
  std::filesystem::remove(path);
  NetworkOptions options = spec_options();
  options.log_path = path.string();
  auto network = Network::create(options);
  ASSERT_TRUE(network);
  Modem a(network, "modem0", "+8613912340000");
  Modem b(network, "modem1", "+8613912340001");
  a.service.send_pdu(kS1, 30);
  a.service.send_pdu(kS2, 29);
  a.service.send_text(sms::Address::from_number("+8613912340001").value(), "hi");
  b.registration->deliver_text("+8613912345678", "Hello");
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0],
            "{\"id\":1,\"time\":\"2024-07-23T16:35:01+08:00\",\"route\":\"kept\",\"from\":"
            "\"+8613912340000\",\"to\":\"+8613912345678\",\"parts\":2,\"text\":\"Part one, part "
            "two.\"}");
  EXPECT_NE(lines[1].find("\"route\":\"modem\",\"from\":\"+8613912340000\",\"to\":"
                          "\"+8613912340001\",\"parts\":1,\"text\":\"hi\""),
            std::string::npos);
  EXPECT_NE(lines[2].find("\"route\":\"injected\",\"from\":\"+8613912345678\""), std::string::npos);
  std::filesystem::remove(path);
  std::string error;
  options.log_path = "/nonexistent-dir/sms.jsonl";
  EXPECT_FALSE(Network::create(options, &error));
  EXPECT_NE(error.find("--sms-log /nonexistent-dir/sms.jsonl"), std::string::npos);
}

TEST(NetworkDelivery, ARecipientThatLeftDropsTheMessage) {
  auto network = Network::create(spec_options());
  Modem a(network, "modem0", "+8613912340000");
  a.service.set_cnmi({2, 1, 0, 1, 0});
  {
    Modem b(network, "modem1", "+8613912340001");
    ASSERT_TRUE(a.service.send_pdu(hello_to("+8613912340001", true), 20).mr);
  }  // b goes with the delivery still queued on its (now destroyed) io_context
  a.run();
  EXPECT_TRUE(a.sink.seen.empty());
  EXPECT_EQ(network->attached(), 1u);
  // Sent to a number nobody has now: kept by the SMSC.
  a.service.send_pdu(hello_to("+8613912340001"), 20);
  EXPECT_EQ(network->kept().size(), 1u);
}

// Two shards: each modem on its own thread; messages cross both ways at once.
TEST(NetworkDelivery, AcrossThreads) {
  auto network = Network::create(spec_options());
  Modem a(network, "modem0", "+8613912340000");
  Modem b(network, "modem1", "+8613912340001");
  auto guard_a = boost::asio::make_work_guard(a.io);
  auto guard_b = boost::asio::make_work_guard(b.io);
  std::thread ta([&] { a.io.run(); });
  std::thread tb([&] { b.io.run(); });
  constexpr int kEach = 200;
  auto send_all = [](Modem& from, const std::string& to) {
    auto done = std::make_shared<std::promise<int>>();
    boost::asio::post(from.io, [&from, to, done] {
      from.service.set_cnmi({2, 1, 0, 1, 0});
      from.service.settings().text.fo = 49;  // with status reports
      int ok = 0;
      for (int i = 0; i < kEach; ++i) {
        ok += from.service.send_text(sms::Address::from_number(to).value(), "x").mr.ok();
      }
      done->set_value(ok);
    });
    return done->get_future();
  };
  auto sent_a = send_all(a, "+8613912340001");
  auto sent_b = send_all(b, "+8613912340000");
  EXPECT_EQ(sent_a.get(), kEach);
  EXPECT_EQ(sent_b.get(), kEach);
  // Each side received every message (stored, or refused once its storage filled) and a
  // report for each one it sent.
  auto counters_of = [](Modem& m) {
    std::promise<sms::SmsService::Counters> p;
    boost::asio::post(m.io, [&] { p.set_value(m.service.counters()); });
    return p.get_future().get();
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  sms::SmsService::Counters ca, cb;
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ca = counters_of(a);
    cb = counters_of(b);
  } while ((ca.received + ca.refused < kEach || cb.received + cb.refused < kEach ||
            ca.reports < kEach || cb.reports < kEach) &&
           std::chrono::steady_clock::now() < deadline);
  EXPECT_EQ(ca.received + ca.refused, static_cast<std::uint64_t>(kEach));
  EXPECT_EQ(cb.received + cb.refused, static_cast<std::uint64_t>(kEach));
  EXPECT_EQ(network->stats().delivered, 2u * kEach);
  EXPECT_EQ(network->stats().reports, 2u * kEach);
  EXPECT_EQ(ca.reports, static_cast<std::uint64_t>(kEach));
  EXPECT_EQ(cb.reports, static_cast<std::uint64_t>(kEach));
  guard_a.reset();
  guard_b.reset();
  a.io.stop();
  b.io.stop();
  ta.join();
  tb.join();
}

}  // namespace
}  // namespace cellemu::network
