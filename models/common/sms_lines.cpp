#include "models/common/sms_lines.h"

#include <fmt/format.h>

namespace cellemu::models::sms_lines {
namespace {
using sms::MessageType;
using sms::TextView;

std::size_t tpdu_length(const sms::Pdu& pdu) {
  return pdu.tpdu.size();
}

std::string pdu_hex(const sms::Pdu& pdu) {
  return sms::to_hex(pdu.octets());
}

std::optional<TextView> view(const sms::SmsService& sms, const sms::Pdu& pdu) {
  return sms::text_view(pdu, sms.settings().charset, sms.smsc_or_empty());
}

// 27.005 §3.4.1 +CSDH=1 tail of a DELIVER header: ,<tooa>,<fo>,<pid>,<dcs>,"<sca>",<tosca>,<len>.
std::string deliver_tail(const TextView& v) {
  return fmt::format(",{},{},{},{},\"{}\",{},{}", v.address_type, v.fo, v.pid, v.dcs, v.sca,
                     v.sca_type, v.length);
}

// The SUBMIT tail adds <vp>: ,<toda>,<fo>,<pid>,<dcs>,<vp>,"<sca>",<tosca>,<length>.
std::string submit_tail(const TextView& v) {
  return fmt::format(",{},{},{},{},{},\"{}\",{},{}", v.address_type, v.fo, v.pid, v.dcs, v.vp,
                     v.sca, v.sca_type, v.length);
}

// <fo>,<mr>,"<ra>",<tora>,"<scts>","<dt>",<st> (+CDS, and after "<stat>", in +CMGR/+CMGL).
std::string report_fields(const TextView& v) {
  return fmt::format("{},{},\"{}\",{},\"{}\",\"{}\",{}", v.fo, v.mr, v.address, v.address_type,
                     v.scts, v.discharge, v.status);
}

// PDU mode: "<head><stat>,,<length>" and the PDU. A stored TPDU that does not decode is shown
// so in text mode too (it was stored from a PDU).
Lines pdu_lines(std::string_view head, const sms::StoredMessage& m) {
  return {fmt::format("{}{},,{}", head, static_cast<int>(m.status), tpdu_length(m.pdu)),
          pdu_hex(m.pdu)};
}

}  // namespace

// PDU: +CMGR: <stat>,,<length> + PDU (LM CMGR). Text: DELIVER "<stat>","<oa>",,"<scts>";
// SUBMIT "<stat>","<da>",; STATUS-REPORT "<stat>",<fo>,<mr>,... (spec §2.11).
Lines cmgr(const sms::SmsService& sms, const sms::StoredMessage& m) {
  if (!sms.settings().text_mode) return pdu_lines("+CMGR: ", m);
  const auto v = view(sms, m.pdu);
  if (!v) return pdu_lines("+CMGR: ", m);
  const std::string stat(sms::status_name(m.status));
  const bool header = sms.settings().show_header;
  switch (v->type) {
    case MessageType::Submit:
      return {
          fmt::format("+CMGR: \"{}\",\"{}\",{}", stat, v->address, header ? submit_tail(*v) : ""),
          v->data};
    case MessageType::StatusReport:
      return {fmt::format("+CMGR: \"{}\",{}", stat, report_fields(*v)), "", false};
    default:
      return {fmt::format("+CMGR: \"{}\",\"{}\",,\"{}\"{}", stat, v->address, v->scts,
                          header ? deliver_tail(*v) : ""),
              v->data};
  }
}

// PDU: +CMGL: <index>,<stat>,,<length> + PDU. Text: <index>,"<stat>","<oa/da>",,"<scts>" (a
// SUBMIT has an empty, unquoted <scts>); CSDH=1 adds ,<tooa/toda>,<length> (27.005 §3.4.2).
Lines cmgl(const sms::SmsService& sms, int index, const sms::StoredMessage& m) {
  const std::string key = fmt::format("+CMGL: {}", index);
  if (!sms.settings().text_mode) return pdu_lines(key + ",", m);
  const auto v = view(sms, m.pdu);
  if (!v) return pdu_lines(key + ",", m);
  const std::string stat(sms::status_name(m.status));
  if (v->type == MessageType::StatusReport) {
    return {fmt::format("{},\"{}\",{}", key, stat, report_fields(*v)), "", false};
  }
  const std::string scts = v->type == MessageType::Submit ? "" : fmt::format("\"{}\"", v->scts);
  const std::string tail =
      sms.settings().show_header ? fmt::format(",{},{}", v->address_type, v->length) : "";
  return {fmt::format("{},\"{}\",\"{}\",,{}{}", key, stat, v->address, scts, tail), v->data};
}

namespace {

Lines routed_message(const sms::SmsService& sms, const sms::Pdu& pdu) {
  const auto v = sms.settings().text_mode ? view(sms, pdu) : std::nullopt;
  if (!v) return {fmt::format("+CMT: ,{}", tpdu_length(pdu)), pdu_hex(pdu)};
  const std::string tail = sms.settings().show_header ? deliver_tail(*v) : "";
  return {fmt::format("+CMT: \"{}\",,\"{}\"{}", v->address, v->scts, tail), v->data};
}

Lines routed_report(const sms::SmsService& sms, const sms::Pdu& pdu) {
  const auto v = sms.settings().text_mode ? view(sms, pdu) : std::nullopt;
  if (!v) return {fmt::format("+CDS: {}", tpdu_length(pdu)), pdu_hex(pdu)};
  return {fmt::format("+CDS: {}", report_fields(*v)), "", false};
}

}  // namespace

// +CMTI: "<mem>",<index> (LM CNMI); +CMT: ,<length> + PDU or +CMT: "<oa>",,"<scts>"[...] + data;
// +CDS: <length> + PDU or +CDS: <fo>,<mr>,... (spec §2.9).
Lines indication(const sms::SmsService& sms, const sms::Indication& indication) {
  if (const auto* n = std::get_if<sms::NewMessageIndication>(&indication)) {
    return {fmt::format("+CMTI: \"{}\",{}", sms::storage_name(n->storage), n->index), "", false};
  }
  if (const auto* m = std::get_if<sms::RoutedMessageIndication>(&indication)) {
    return routed_message(sms, m->pdu);
  }
  return routed_report(sms, std::get<sms::RoutedReportIndication>(indication).pdu);
}

}  // namespace cellemu::models::sms_lines
