#include "emulator/sms/text_mode.h"

#include <fmt/format.h>

#include "emulator/sms/unicode_text.h"

namespace cellemu::sms {
namespace {

std::string vp_text(const ValidityPeriod& vp) {
  switch (vp.format) {
    case VpFormat::Relative:
      return std::to_string(vp.relative);
    case VpFormat::Absolute:
      return fmt::format("\"{}\"", vp.absolute.text());
    case VpFormat::Enhanced:  // 27.005 prints it as hex octets in quotes
      return fmt::format("\"{}\"", to_hex(vp.enhanced));
    case VpFormat::None:
      break;
  }
  return {};
}

void fill_body(TextView& v, const UserData& ud, std::uint8_t dcs, Charset cs) {
  const DataCoding coding = DataCoding::from_octet(dcs);
  v.dcs = dcs;
  v.data = text_mode_data(ud, coding, cs);
  v.length = text_mode_length(ud, coding);
}

std::optional<TextView> view_deliver(OctetView tpdu, Charset cs) {
  const auto d = decode_deliver(tpdu);
  if (!d) return std::nullopt;
  TextView v;
  v.type = MessageType::Deliver;
  v.fo = d->first_octet();
  v.address = address_to_te(d->originator, cs);
  v.address_type = d->originator.type;
  v.scts = d->service_centre_time.text();
  v.pid = d->pid;
  fill_body(v, d->user_data, d->dcs, cs);
  return v;
}

std::optional<TextView> view_submit(OctetView tpdu, Charset cs) {
  const auto s = decode_submit(tpdu);
  if (!s) return std::nullopt;
  TextView v;
  v.type = MessageType::Submit;
  v.fo = s->first_octet();
  v.mr = s->reference;
  v.address = address_to_te(s->destination, cs);
  v.address_type = s->destination.type;
  v.pid = s->pid;
  v.vp = vp_text(s->validity);
  fill_body(v, s->user_data, s->dcs, cs);
  return v;
}

std::optional<TextView> view_report(OctetView tpdu, Charset cs) {
  const auto r = decode_status_report(tpdu);
  if (!r) return std::nullopt;
  TextView v;
  v.type = MessageType::StatusReport;
  v.fo = r->first_octet();
  v.mr = r->reference;
  v.address = address_to_te(r->recipient, cs);
  v.address_type = r->recipient.type;
  v.scts = r->service_centre_time.text();
  v.discharge = r->discharge_time.text();
  v.status = r->status;
  if (r->pid) v.pid = *r->pid;
  if (r->user_data) fill_body(v, *r->user_data, r->dcs.value_or(0), cs);
  return v;
}

std::optional<ValidityPeriod> validity_for(const TextModeParams& p) {
  ValidityPeriod vp;
  vp.format = static_cast<VpFormat>(p.fo >> 3 & 0x03);
  if (vp.format == VpFormat::Relative) vp.relative = p.vp;
  if (vp.format == VpFormat::Absolute) {
    if (!p.vp_absolute) return std::nullopt;
    vp.absolute = *p.vp_absolute;
  }
  return vp;  // enhanced: seven zero octets (no +CSMP form sets them)
}

}  // namespace

std::optional<Address> address_from_te(std::string_view te, Charset cs,
                                       std::optional<std::uint8_t> type) {
  const auto text = text_from_te(te, cs);
  if (!text) return std::nullopt;
  return Address::from_number(u32_to_utf8(*text), type);
}

std::string address_to_te(const Address& address, Charset cs) {
  return text_to_te(utf8_to_u32(address.value), cs);
}

std::optional<Submit> submit_from_text(const Address& destination, std::string_view body,
                                       Charset cs, const TextModeParams& params) {
  const DataCoding coding = DataCoding::from_octet(params.dcs);
  const Alphabet alphabet = coding.compressed ? Alphabet::Data8 : coding.alphabet;
  auto payload = payload_from_text_body(body, alphabet, cs);
  auto validity = validity_for(params);
  if (!payload || !validity) return std::nullopt;
  Submit s;
  s.reject_duplicates = params.fo & 0x04;
  s.status_report_request = params.fo & 0x20;
  s.reply_path = params.fo & 0x80;
  s.destination = destination;
  s.pid = params.pid;
  s.dcs = params.dcs;
  s.validity = *validity;
  s.user_data.payload = std::move(*payload);
  return s;
}

std::optional<TextView> text_view(const Pdu& pdu, Charset cs, const Address& default_sca) {
  if (pdu.tpdu.empty()) return std::nullopt;
  std::optional<TextView> v;
  switch (message_type(pdu.tpdu[0])) {
    case MessageType::Deliver:
      v = view_deliver(pdu.tpdu, cs);
      break;
    case MessageType::Submit:
      v = view_submit(pdu.tpdu, cs);
      break;
    case MessageType::StatusReport:
      v = view_report(pdu.tpdu, cs);
      break;
    case MessageType::Reserved:
      break;
  }
  if (!v) return std::nullopt;
  const Address& sca = pdu.sca ? *pdu.sca : default_sca;
  v->sca = address_to_te(sca, cs);
  v->sca_type = sca.type;
  return v;
}

}  // namespace cellemu::sms
