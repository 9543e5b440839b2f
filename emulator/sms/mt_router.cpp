#include "emulator/sms/mt_router.h"

namespace cellemu::sms {

MtRouter::MtRouter(core::TimerService& timers, SmsSettings& settings, SmsStorages& storages,
                   Config config)
    : settings_(settings), storages_(storages), config_(config), ack_timer_(timers) {
  if (config_.max_buffered == 0) config_.max_buffered = 1;
}

bool MtRouter::route(MtMessage message) {
  const auto message_class = message.deliver.coding().message_class;
  const int mt = settings_.cnmi.mt;
  // <mt> 2 routes everything but class 2 (SIM-specific, always stored); <mt> 3 only class 3.
  const bool direct = (mt == 2 && message_class != 2) || (mt == 3 && message_class == 3);
  // 27.005 §3.4.1: no second +CMT before the first is acknowledged; the ME stores it instead.
  if (direct && !awaiting_ack_) {
    route_direct(RoutedMessageIndication{message.pdu}, std::move(message.receipt));
    return true;
  }
  return store(std::move(message), mt != 0);
}

bool MtRouter::route(MtReport report) {
  if (settings_.cnmi.ds != 1 || awaiting_ack_) return false;
  route_direct(RoutedReportIndication{std::move(report.pdu)}, DeliveryReceipt{});
  return true;
}

void MtRouter::route_direct(Indication indication, DeliveryReceipt receipt) {
  indicate(std::move(indication));
  if (settings_.service != 1) {
    receipt.settle(true);
    return;
  }
  awaiting_ack_ = true;
  unacknowledged_ = std::move(receipt);
  ack_timer_.start(config_.ack_timeout, [this] { on_ack_timeout(); });
}

bool MtRouter::store(MtMessage message, bool indicate_it) {
  MessageStore& mem3 = storages_.mem3();
  const auto index = mem3.add(StoredMessage{MessageStatus::RecUnread, std::move(message.pdu)});
  message.receipt.settle(index.has_value());
  if (!index) return false;
  if (indicate_it) indicate(NewMessageIndication{storages_.preferred().mem3, *index});
  return true;
}

void MtRouter::indicate(Indication indication) {
  switch (settings_.cnmi.mode) {
    case 0:  // kept in the module until <mode> 1-3
      if (buffer_.size() >= config_.max_buffered) buffer_.pop_front();
      buffer_.push_back(std::move(indication));
      return;
    case 1:  // dropped while the host's port carries data
      if (sink_ && sink_->in_data_state()) return;
      break;
    default:  // 2, 3: the Responder holds URCs during data mode and flushes them after
      break;
  }
  emit(indication);
}

void MtRouter::emit(const Indication& indication) {
  if (sink_) sink_->on_sms_indication(indication);
}

std::optional<CmsCause> MtRouter::acknowledge(bool delivered) {
  if (!awaiting_ack_) return CmsCause::NoAckExpected;
  awaiting_ack_ = false;
  ack_timer_.cancel();
  unacknowledged_.settle(delivered);
  return std::nullopt;
}

void MtRouter::on_ack_timeout() {
  // LM CNMA: without the acknowledgement <mt> and <ds> fall back to 0; the message counts as
  // not delivered.
  awaiting_ack_ = false;
  settings_.cnmi.mt = 0;
  settings_.cnmi.ds = 0;
  unacknowledged_.settle(false);
}

void MtRouter::set_cnmi(const CnmiSettings& next) {
  const bool leaving_buffer = settings_.cnmi.mode == 0 && next.mode != 0;
  settings_.cnmi = next;
  if (!leaving_buffer) return;
  std::deque<Indication> held = std::exchange(buffer_, {});
  if (next.bfr != 0) return;
  for (const auto& indication : held) emit(indication);
}

void MtRouter::reset() {
  buffer_.clear();
  ack_timer_.cancel();
  awaiting_ack_ = false;
  unacknowledged_.settle(false);
}

}  // namespace cellemu::sms
