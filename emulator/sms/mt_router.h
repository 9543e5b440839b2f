#pragma once

#include <deque>
#include <variant>

#include "emulator/core/timer_service.h"
#include "emulator/sms/sms_network.h"
#include "emulator/sms/sms_settings.h"
#include "emulator/sms/sms_storages.h"

namespace cellemu::sms {

// The new-message indications of 27.005 §3.4.1 the model prints in its own words.
struct NewMessageIndication {  // +CMTI: "<mem>",<index>
  Storage storage = Storage::Sm;
  int index = 0;
};
struct RoutedMessageIndication {  // +CMT: PDU mode ",<length>" + PDU; text mode per TextView
  Pdu pdu;
};
struct RoutedReportIndication {  // +CDS: PDU mode "<length>" + PDU; text mode per TextView
  Pdu pdu;
};
using Indication =
    std::variant<NewMessageIndication, RoutedMessageIndication, RoutedReportIndication>;

// Where indications go: the model, which formats them per +CMGF/+CSCS/+CSDH and queues them as
// URCs (the Responder holds them while a command runs or the port is in data mode).
class IndicationSink {
 public:
  virtual ~IndicationSink() = default;
  virtual void on_sms_indication(const Indication& indication) = 0;
  // The port is in a data state (PPP, transparent data, a prompt): +CNMI mode 1 drops
  // indications then.
  virtual bool in_data_state() const = 0;
};

// The MT half of a module's SMS entity: routes received messages and status reports per +CNMI
// (spec services §2.9) into the storage or straight to the host, waits for +CNMA under
// +CSMS=1, and applies the +CNMI <mode> buffering. Its buffer is bounded: the oldest indication
// goes first when it is full.
class MtRouter {
 public:
  struct Config {
    core::Duration ack_timeout = std::chrono::seconds(17);  // SDK MT_SMS_ACK_TIMER_SEC
    std::size_t max_buffered = 32;
  };
  MtRouter(core::TimerService& timers, SmsSettings& settings, SmsStorages& storages, Config config);

  void set_sink(IndicationSink* sink) { sink_ = sink; }
  // A message the radio accepted: stored in <mem3> (indicated per <mt>) or routed directly.
  // Returns false when it could not be taken (storage full); the receipt is settled either way.
  bool route(MtMessage message);
  // A status report: routed directly with <ds> 1, dropped with <ds> 0 (spec §2.9).
  bool route(MtReport report);
  // AT+CNMA: `delivered` false for an RP-ERROR (PDU mode <n> 2). CMS 340 when nothing waits for
  // an acknowledgement.
  std::optional<CmsCause> acknowledge(bool delivered = true);
  // AT+CNMI (values already checked): leaving <mode> 0 flushes (<bfr> 0) or clears (<bfr> 1)
  // what was buffered.
  void set_cnmi(const CnmiSettings& next);
  bool ack_pending() const { return awaiting_ack_; }
  std::size_t buffered() const { return buffer_.size(); }
  // Power-up: nothing buffered, nothing awaiting an acknowledgement.
  void reset();

 private:
  void route_direct(Indication indication, DeliveryReceipt receipt);
  bool store(MtMessage message, bool indicate_it);
  void indicate(Indication indication);
  void emit(const Indication& indication);
  void on_ack_timeout();

  SmsSettings& settings_;
  SmsStorages& storages_;
  Config config_;
  IndicationSink* sink_ = nullptr;
  std::deque<Indication> buffer_;
  bool awaiting_ack_ = false;
  DeliveryReceipt unacknowledged_;
  core::Timer ack_timer_;
};

}  // namespace cellemu::sms
