// The module's SMS entity below the handlers: sending with the spec's order of checks, storage
// commands, MT routing per +CNMI with +CNMA, and the <mode> buffer (spec services §2).
#include "emulator/sms/sms_service.h"

#include <gtest/gtest.h>

#include "emulator/core/manual_timer_service.h"
#include "tests/unit/sms_examples.h"

namespace cellemu::sms {
namespace {

using namespace examples;
using std::chrono::seconds;

// Records what the module hands to the network; fails when told to.
struct FakeNetwork final : SmsNetwork {
  std::vector<MoMessage> sent;
  std::optional<CmsCause> answer;
  std::optional<CmsCause> submit(const MoMessage& m) override {
    sent.push_back(m);
    return answer;
  }
};

struct FakeSink final : IndicationSink {
  std::vector<Indication> seen;
  bool data = false;
  void on_sms_indication(const Indication& i) override { seen.push_back(i); }
  bool in_data_state() const override { return data; }
};

class SmsServiceTest : public ::testing::Test {
 protected:
  SmsServiceTest() {
    config.smsc = Address::from_number("+8613800210500");
    rebuild();
  }
  void rebuild() {
    service = std::make_unique<SmsService>(timers, config, [this] { return radio; });
    service->attach_network(&network);
    service->set_sink(&sink);
  }
  // An MT message with a receipt that records how it was settled.
  MtMessage mt(std::string_view hex) {
    const Pdu p = pdu(hex);
    return MtMessage{p, decode_deliver(p.tpdu).value(),
                     DeliveryReceipt([this](bool ok) { settled.push_back(ok); })};
  }
  MtReport report() {
    const Pdu p = pdu(kR1);
    return MtReport{p, decode_status_report(p.tpdu).value()};
  }
  void cnmi(int mode, int mt, int ds = 0, int bfr = 0) {
    service->set_cnmi({mode, mt, 0, ds, bfr});
  }

  core::ManualTimerService timers;
  SmsServiceConfig config;
  RadioConditions radio;
  FakeNetwork network;
  FakeSink sink;
  std::vector<bool> settled;
  std::unique_ptr<SmsService> service;
};

TEST_F(SmsServiceTest, S028_PduSendReplacesTheMessageReference) {
  const auto first = service->send_pdu("0011100D91683161450179F900080004611F8C22", 19);
  ASSERT_TRUE(first.mr);
  EXPECT_EQ(*first.mr, 0);
  ASSERT_EQ(network.sent.size(), 1u);
  EXPECT_EQ(network.sent[0].smsc.value, "+8613800210500");  // SCA 00: the +CSCA
  EXPECT_EQ(to_hex(network.sent[0].tpdu),
            "1100"
            "0D91683161450179F900080004611F8C22");
  EXPECT_EQ(network.sent[0].submit.reference, 0);
  EXPECT_EQ(*service->send_pdu(kM1, 20).mr, 1);  // S-040: the next one is 1
  service->power_up();
  EXPECT_EQ(*service->send_pdu(kM1, 20).mr, 0);  // OQ-S5: per power-up
}

TEST_F(SmsServiceTest, S030_PduBodyErrorsAndWhitespace) {
  EXPECT_EQ(service->send_pdu(kM1, 21).mr.error(), CmsCause::InvalidPduParameter);
  EXPECT_EQ(service->send_pdu("0011000D9168311932547GF80000A705C8329BFD06", 20).mr.error(),
            CmsCause::InvalidPduParameter);
  EXPECT_EQ(service->send_pdu("0011000D91683119325476F80000A705C8329BFD0", 20).mr.error(),
            CmsCause::InvalidPduParameter);
  EXPECT_EQ(*service->send_pdu("0011000D91683119325476F8 0000A705C8329BFD06\r\n", 20).mr, 0);
  EXPECT_EQ(*service->send_pdu("0011000d91683119325476f80000a705c8329bfd06", 20).mr, 1);
  // A DELIVER is not something a module sends.
  EXPECT_EQ(service->send_pdu(kD1, 25).mr.error(), CmsCause::InvalidPduParameter);
  EXPECT_TRUE(SmsService::valid_pdu_length(164));
  EXPECT_FALSE(SmsService::valid_pdu_length(0));
  EXPECT_FALSE(SmsService::valid_pdu_length(165));
  EXPECT_EQ(service->counters().sent, 2u);
  EXPECT_EQ(service->counters().send_failures, 4u);
}

TEST_F(SmsServiceTest, S034_S035_OrderOfChecks) {
  radio.sim_error = CmsCause::SimNotInserted;
  radio.registered = false;
  EXPECT_EQ(service->send_pdu("zz", 20).mr.error(), CmsCause::SimNotInserted);  // SIM first
  radio.sim_error.reset();
  EXPECT_EQ(service->send_pdu("zz", 20).mr.error(), CmsCause::InvalidPduParameter);
  service->set_smsc(std::nullopt);
  EXPECT_EQ(service->send_pdu(kM1, 20).mr.error(), CmsCause::SmscUnknown);
  service->set_smsc(Address::from_number("+8613800210500"));
  EXPECT_EQ(service->send_pdu(kM1, 20).mr.error(), CmsCause::NoNetworkService);
  radio.registered = true;
  radio.sms_barred = true;
  EXPECT_EQ(service->send_pdu(kM1, 20).mr.error(), CmsCause::Unknown);
  radio.sms_barred = false;
  network.answer = CmsCause::NetworkTimeout;
  EXPECT_EQ(service->send_pdu(kM1, 20).mr.error(), CmsCause::NetworkTimeout);
  EXPECT_EQ(network.sent.size(), 1u);
  network.answer.reset();
  EXPECT_EQ(*service->send_pdu(kM1, 20).mr, 1);  // the refused one used <mr> 0
}

TEST_F(SmsServiceTest, PduWithItsOwnScaNeedsNoCsca) {
  service->set_smsc(std::nullopt);
  const auto r =
      service->send_pdu(std::string("0891683108200105F0") + std::string(kM1.substr(2)), 20);
  ASSERT_TRUE(r.mr);
  EXPECT_EQ(network.sent[0].smsc.value, "+8613800210500");
}

TEST_F(SmsServiceTest, RealTimingDelays) {
  config.send_delay = seconds(2);
  config.barred_delay = seconds(5);
  rebuild();
  EXPECT_EQ(service->send_pdu(kM1, 20).delay, seconds(2));
  radio.sms_barred = true;
  EXPECT_EQ(service->send_pdu(kM1, 20).delay, seconds(5));
  EXPECT_EQ(service->send_pdu("x", 20).delay, core::Duration::zero());
}

TEST_F(SmsServiceTest, S032_S033_TextSends) {
  const Address peer = Address::from_number("+8613912345678").value();
  EXPECT_EQ(*service->send_text(peer, "hello,world").mr, 0);
  EXPECT_EQ(to_hex(network.sent.back().tpdu), "11000D91683119325476F80000A70BE8329BFD66DDDF723619");
  service->settings().text.dcs = 8;
  EXPECT_EQ(*service->send_text(peer, "611F8C22").mr, 1);
  EXPECT_EQ(to_hex(network.sent.back().tpdu), "11010D91683119325476F80008A704611F8C22");
  EXPECT_EQ(service->send_text(peer, "611F8C2").mr.error(), CmsCause::InvalidTextParameter);
  service->settings().text.dcs = 0;
  EXPECT_EQ(service->send_text(peer, std::string(161, 'a')).mr.error(),
            CmsCause::InvalidTextParameter);  // OQ-S38
}

TEST_F(SmsServiceTest, S036_WriteListSendFromStorage) {
  const Address peer = Address::from_number("+8613912345678").value();
  EXPECT_EQ(*service->write_text(peer, "Stored", MessageStatus::StoUnsent), 1);
  EXPECT_EQ(*service->send_stored(1, std::nullopt).mr, 0);
  EXPECT_EQ(service->storages().mem2().find(1)->status, MessageStatus::StoSent);
  EXPECT_EQ(network.sent[0].submit.destination, peer);
}

TEST_F(SmsServiceTest, S037_WritePduSendElsewhereWrongTargets) {
  EXPECT_EQ(*service->write_pdu(kM1, 20, MessageStatus::StoUnsent), 1);
  EXPECT_EQ(to_hex(service->storages().mem1().find(1)->pdu.octets()), kM1);
  EXPECT_EQ(*service->send_stored(1, Address::from_number("13800138000")).mr, 0);
  EXPECT_EQ(to_hex(network.sent[0].tpdu).substr(4, 16), "0B813108108300F0");
  EXPECT_EQ(service->send_stored(9, std::nullopt).mr.error(), CmsCause::InvalidIndex);
  service->storages().mem2().add(StoredMessage{MessageStatus::RecUnread, pdu(kD1)});
  EXPECT_EQ(service->send_stored(2, std::nullopt).mr.error(), CmsCause::NotAllowed);
  EXPECT_EQ(service->write_pdu(kM1, 19, MessageStatus::StoUnsent).error(),
            CmsCause::InvalidPduParameter);
}

TEST_F(SmsServiceTest, WriteIntoAFullStorage) {
  config.sm_capacity = 1;
  rebuild();
  EXPECT_TRUE(service->write_pdu(kM1, 20, MessageStatus::StoUnsent));
  EXPECT_EQ(service->write_pdu(kM1, 20, MessageStatus::StoUnsent).error(), CmsCause::MemoryFull);
  EXPECT_EQ(
      service->write_text(Address::from_number("1").value(), "x", MessageStatus::StoUnsent).error(),
      CmsCause::MemoryFull);
}

TEST_F(SmsServiceTest, S012_PowerUpCnmiStoresSilently) {
  service->on_mt_message(mt(kD1));
  EXPECT_TRUE(sink.seen.empty());
  EXPECT_EQ(service->storages().mem3().used(), 1u);
  EXPECT_EQ(settled, std::vector<bool>{true});
}

TEST_F(SmsServiceTest, S011_StoredAndIndicated) {
  cnmi(2, 1);
  service->on_mt_message(mt(kD1));
  ASSERT_EQ(sink.seen.size(), 1u);
  const auto* cmti = std::get_if<NewMessageIndication>(&sink.seen[0]);
  ASSERT_TRUE(cmti);
  EXPECT_EQ(cmti->storage, Storage::Sm);
  EXPECT_EQ(cmti->index, 1);
}

TEST_F(SmsServiceTest, S024_DirectRoutingIsNotStored) {
  cnmi(2, 2);
  service->on_mt_message(mt(kDL));
  ASSERT_EQ(sink.seen.size(), 1u);
  EXPECT_EQ(to_hex(std::get<RoutedMessageIndication>(sink.seen[0]).pdu.octets()), kDL);
  EXPECT_EQ(service->storages().mem3().used(), 0u);
  EXPECT_EQ(settled, std::vector<bool>{true});
}

TEST_F(SmsServiceTest, ClassTwoIsStoredAndClassThreeRoutedUnderMtThree) {
  Octets class2 = pdu(kD1).tpdu;
  class2[11] = 0x12;  // DCS: class 2, GSM 7-bit
  Octets class3 = pdu(kD1).tpdu;
  class3[11] = 0xF3;  // DCS: class 3
  const std::string sca = "0891683108200105F0";
  cnmi(2, 2);
  service->on_mt_message(mt(sca + to_hex(class2)));
  EXPECT_TRUE(std::holds_alternative<NewMessageIndication>(sink.seen.back()));
  cnmi(2, 3);
  service->on_mt_message(mt(sca + to_hex(class3)));
  EXPECT_TRUE(std::holds_alternative<RoutedMessageIndication>(sink.seen.back()));
  service->on_mt_message(mt(kD1));
  EXPECT_TRUE(std::holds_alternative<NewMessageIndication>(sink.seen.back()));
}

TEST_F(SmsServiceTest, S026_AcknowledgementWithCsmsOne) {
  service->settings().service = 1;
  cnmi(2, 2);
  EXPECT_EQ(service->acknowledge(), CmsCause::NoAckExpected);
  service->on_mt_message(mt(kD1));
  EXPECT_TRUE(settled.empty());  // waits for +CNMA
  EXPECT_TRUE(service->ack_pending());
  // A second message before the acknowledgement is stored instead (no second +CMT).
  service->on_mt_message(mt(kD2));
  EXPECT_TRUE(std::holds_alternative<NewMessageIndication>(sink.seen.back()));
  EXPECT_FALSE(service->acknowledge());
  EXPECT_EQ(settled, (std::vector<bool>{true, true}));
  EXPECT_EQ(service->acknowledge(), CmsCause::NoAckExpected);
  service->on_mt_message(mt(kDL));
  EXPECT_FALSE(service->acknowledge(false));  // AT+CNMA=2: RP-ERROR
  EXPECT_EQ(settled, (std::vector<bool>{true, true, false}));
}

TEST_F(SmsServiceTest, S027_MissingAcknowledgementSwitchesRoutingOff) {
  service->settings().service = 1;
  cnmi(2, 2, 1);
  service->on_mt_message(mt(kD1));
  timers.advance(seconds(16));
  EXPECT_TRUE(service->ack_pending());
  timers.advance(seconds(1));
  EXPECT_FALSE(service->ack_pending());
  EXPECT_EQ(service->settings().cnmi, (CnmiSettings{2, 0, 0, 0, 0}));
  EXPECT_EQ(settled, std::vector<bool>{false});
}

TEST_F(SmsServiceTest, S038_StatusReportsFollowDs) {
  cnmi(2, 1, 0);
  service->on_mt_report(report());
  EXPECT_TRUE(sink.seen.empty());  // <ds> 0: discarded
  cnmi(2, 1, 1);
  service->on_mt_report(report());
  ASSERT_EQ(sink.seen.size(), 1u);
  EXPECT_EQ(to_hex(std::get<RoutedReportIndication>(sink.seen[0]).pdu.octets()), kR1);
  EXPECT_EQ(service->counters().reports, 2u);
}

TEST_F(SmsServiceTest, ModeZeroBuffersThenFlushesOrClears) {
  cnmi(0, 1);
  service->on_mt_message(mt(kD1));
  service->on_mt_message(mt(kD2));
  EXPECT_TRUE(sink.seen.empty());
  cnmi(2, 1, 0, 1);  // <bfr> 1: cleared
  EXPECT_TRUE(sink.seen.empty());
  cnmi(0, 1);
  service->on_mt_message(mt(kDL));
  cnmi(1, 1, 0, 0);  // <bfr> 0: flushed in order
  ASSERT_EQ(sink.seen.size(), 1u);
  EXPECT_EQ(std::get<NewMessageIndication>(sink.seen[0]).index, 3);
}

TEST_F(SmsServiceTest, ModeZeroBufferIsBounded) {
  config.mt.max_buffered = 2;
  rebuild();
  cnmi(0, 1);
  for (int i = 0; i < 4; ++i) service->on_mt_message(mt(kD1));
  cnmi(2, 1);
  ASSERT_EQ(sink.seen.size(), 2u);
  EXPECT_EQ(std::get<NewMessageIndication>(sink.seen[0]).index, 3);
}

TEST_F(SmsServiceTest, ModeOneDropsIndicationsInDataState) {
  cnmi(1, 1);
  sink.data = true;
  service->on_mt_message(mt(kD1));
  EXPECT_TRUE(sink.seen.empty());
  EXPECT_EQ(service->storages().mem3().used(), 1u);  // stored all the same
  cnmi(2, 1);
  service->on_mt_message(mt(kD1));
  EXPECT_EQ(sink.seen.size(), 1u);  // mode 2: the Responder holds it until command state
}

TEST_F(SmsServiceTest, RefusedWhenTheRadioCannotTakeIt) {
  radio.registered = false;
  service->on_mt_message(mt(kD1));
  radio.registered = true;
  radio.sms_barred = true;  // OQ-S9: no MT delivery on a China Telecom SIM
  service->on_mt_message(mt(kD1));
  EXPECT_EQ(settled, (std::vector<bool>{false, false}));
  EXPECT_EQ(service->counters().refused, 2u);
  EXPECT_EQ(service->storages().mem3().used(), 0u);
}

TEST_F(SmsServiceTest, FullStorageRefusesTheMessage) {
  config.sm_capacity = 1;
  rebuild();
  cnmi(2, 1);
  service->on_mt_message(mt(kD1));
  service->on_mt_message(mt(kD2));
  EXPECT_EQ(settled, (std::vector<bool>{true, false}));
  EXPECT_EQ(sink.seen.size(), 1u);
}

TEST_F(SmsServiceTest, PowerUpKeepsStoragesAndSmsc) {
  cnmi(2, 1);
  service->settings().text_mode = true;
  service->set_smsc(Address::from_number("+8613010314500"));
  service->storages().select("ME", "ME", "ME", CmsCause::InvalidPduParameter);
  service->on_mt_message(mt(kD1));
  service->power_up();
  EXPECT_FALSE(service->settings().text_mode);
  EXPECT_EQ(service->settings().cnmi, CnmiSettings{});
  EXPECT_EQ(service->storages().preferred().mem3, Storage::Sm);
  EXPECT_EQ(service->storages().store(Storage::Me).used(), 1u);
  EXPECT_EQ(service->smsc()->value, "+8613010314500");
}

}  // namespace
}  // namespace cellemu::sms
