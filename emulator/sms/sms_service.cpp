#include "emulator/sms/sms_service.h"

namespace cellemu::sms {

SmsService::SmsService(core::TimerService& timers, SmsServiceConfig config, RadioProbe radio)
    : config_(std::move(config)),
      radio_(std::move(radio)),
      storages_(config_.sm_capacity, config_.me_capacity),
      smsc_(config_.smsc),
      router_(timers, settings_, storages_, config_.mt) {
  power_up();
}

void SmsService::power_up() {
  settings_ = SmsSettings{};
  settings_.cnmi = config_.cnmi;
  storages_.reset_preferred();
  router_.reset();
  next_reference_ = 0;  // OQ-S5: one counter per power-up
}

std::optional<Pdu> SmsService::parse_pdu_body(std::string_view body, std::size_t length) {
  std::string hex;
  hex.reserve(body.size());
  for (const char c : body) {
    if (c != '\r' && c != '\n' && c != ' ' && c != '\t') hex += c;
  }
  const auto octets = from_hex(hex);
  if (!octets) return std::nullopt;
  auto pdu = Pdu::split(*octets);
  if (!pdu || pdu->tpdu.size() != length) return std::nullopt;
  return pdu;
}

SendResult SmsService::failed(CmsCause cause, core::Duration delay) {
  ++counters_.send_failures;
  return SendResult{cause, delay};
}

SendResult SmsService::send_pdu(std::string_view body, std::size_t length) {
  const RadioConditions radio = radio_();
  if (radio.sim_error) return failed(*radio.sim_error);
  auto pdu = parse_pdu_body(body, length);
  if (!pdu || !decode_submit(pdu->tpdu)) return failed(CmsCause::InvalidPduParameter);
  return send(std::move(pdu->sca), std::move(pdu->tpdu), radio);
}

SendResult SmsService::send_text(const Address& destination, std::string_view body) {
  const RadioConditions radio = radio_();
  if (radio.sim_error) return failed(*radio.sim_error);
  const auto submit = submit_from_text(destination, body, settings_.charset, settings_.text);
  auto tpdu = submit ? encode(*submit) : std::nullopt;
  if (!tpdu) return failed(CmsCause::InvalidTextParameter);
  return send(std::nullopt, std::move(*tpdu), radio);
}

SendResult SmsService::send_stored(int index, std::optional<Address> destination) {
  const RadioConditions radio = radio_();
  if (radio.sim_error) return failed(*radio.sim_error);
  const StoredMessage* stored = storages_.mem2().find(index);
  if (!stored) return failed(CmsCause::InvalidIndex);
  auto submit = stored->received() ? std::nullopt : decode_submit(stored->pdu.tpdu);
  if (!submit) return failed(CmsCause::NotAllowed);  // OQ-S32
  Octets tpdu = stored->pdu.tpdu;
  if (destination) {
    submit->destination = *destination;
    auto again = encode(*submit);
    if (!again) return failed(CmsCause::NotAllowed);
    tpdu = std::move(*again);
  }
  SendResult result = send(stored->pdu.sca, std::move(tpdu), radio);
  if (result.mr) storages_.mem2().mark_sent(index);
  return result;
}

SendResult SmsService::send(std::optional<Address> sca, Octets tpdu, const RadioConditions& radio) {
  const std::optional<Address> smsc = sca ? sca : smsc_;
  if (!smsc) return failed(CmsCause::SmscUnknown);
  if (!radio.registered || !network_) return failed(CmsCause::NoNetworkService);
  if (radio.sms_barred) return failed(CmsCause::Unknown, config_.barred_delay);
  // OQ-S5: the module numbers every SMS-SUBMIT it sends, whatever TP-MR the host wrote.
  const std::uint8_t mr = next_reference_++;
  tpdu[1] = mr;
  auto submit = decode_submit(tpdu);
  if (!submit) return failed(CmsCause::InvalidPduParameter);
  if (auto cause = network_->submit(MoMessage{*smsc, std::move(tpdu), std::move(*submit)})) {
    return failed(*cause, config_.send_delay);
  }
  ++counters_.sent;
  return SendResult{static_cast<int>(mr), config_.send_delay};
}

CmsResult<int> SmsService::write_pdu(std::string_view body, std::size_t length,
                                     MessageStatus status) {
  auto pdu = parse_pdu_body(body, length);
  if (!pdu || pdu->tpdu.empty()) return CmsCause::InvalidPduParameter;
  const bool decodes = message_type(pdu->tpdu[0]) == MessageType::Submit
                           ? decode_submit(pdu->tpdu).has_value()
                           : decode_deliver(pdu->tpdu).has_value();
  if (!decodes) return CmsCause::InvalidPduParameter;
  const auto index = storages_.mem2().add(StoredMessage{status, std::move(*pdu)});
  if (!index) return CmsCause::MemoryFull;
  return *index;
}

CmsResult<int> SmsService::write_text(const Address& destination, std::string_view body,
                                      MessageStatus status) {
  const auto submit = submit_from_text(destination, body, settings_.charset, settings_.text);
  auto tpdu = submit ? encode(*submit) : std::nullopt;
  if (!tpdu) return CmsCause::InvalidTextParameter;
  const auto index = storages_.mem2().add(StoredMessage{status, Pdu{std::nullopt, *tpdu}});
  if (!index) return CmsCause::MemoryFull;
  return *index;
}

bool SmsService::mt_allowed() const {
  const RadioConditions radio = radio_();
  return !radio.sim_error && radio.registered && !radio.sms_barred;
}

void SmsService::on_mt_message(MtMessage message) {
  // Spec §2.1: MT delivery needs a ready SIM and registration; CFUN 0/4 stops it.
  if (!mt_allowed()) {
    ++counters_.refused;
    message.receipt.settle(false);
    return;
  }
  if (router_.route(std::move(message))) {
    ++counters_.received;
  } else {
    ++counters_.refused;
  }
}

void SmsService::on_mt_report(MtReport report) {
  if (!mt_allowed()) return;
  ++counters_.reports;
  router_.route(std::move(report));
}

}  // namespace cellemu::sms
