#include "emulator/network/registration.h"

#include "emulator/sms/unicode_text.h"

namespace cellemu::network {

Registration::Registration(std::shared_ptr<Network> network, std::uint64_t id, std::string name,
                           std::string number, core::TimerService& timers,
                           std::shared_ptr<Network::Endpoint> endpoint)
    : network_(std::move(network)),
      id_(id),
      name_(std::move(name)),
      number_(std::move(number)),
      timers_(timers),
      endpoint_(std::move(endpoint)) {}

Registration::~Registration() {
  network_->remove(id_);
  endpoint_.reset();  // whatever is still posted to this modem finds nobody
}

std::optional<sms::CmsCause> Registration::submit(const sms::MoMessage& message) {
  if (next_failure_) return std::exchange(next_failure_, std::nullopt);
  return network_->submit(id_, message, timers_.now());
}

InjectResult Registration::deliver_text(std::string_view from, std::string_view utf8_text) {
  auto originator = sms::Address::from_number(from);
  if (!originator) originator = sms::Address::alphanumeric(from);
  if (!originator) {
    return {0, "FROM must be a phone number or a sender name of up to 11 GSM characters"};
  }
  auto deliveries =
      network_->deliveries_for_text(*originator, sms::utf8_to_u32(utf8_text), timers_.now());
  if (!deliveries) return {0, "TEXT is too long (more than 255 messages)"};
  const int parts = static_cast<int>(deliveries->size());
  network_->inject(id_, std::move(*deliveries), timers_.now());
  return {parts, ""};
}

InjectResult Registration::deliver_pdu(std::string_view hex) {
  const auto octets = sms::from_hex(hex);
  if (!octets) return {0, "--pdu: expected hex digits, two per octet"};
  auto pdu = sms::Pdu::split(*octets);
  auto deliver = pdu ? sms::decode_deliver(pdu->tpdu) : std::nullopt;
  if (!deliver) return {0, "--pdu: not an SMS-DELIVER (SCA field, then the TPDU)"};
  if (!pdu->sca) pdu->sca = network_->smsc_address();
  std::vector<Delivery> one;
  one.push_back(Delivery{std::move(*pdu), std::move(*deliver)});
  network_->inject(id_, std::move(one), timers_.now());
  return {1, ""};
}

}  // namespace cellemu::network
