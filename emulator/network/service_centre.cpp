#include "emulator/network/service_centre.h"

#include "emulator/sms/message_text.h"
#include "emulator/sms/unicode_text.h"

namespace cellemu::network {

ServiceCentre::ServiceCentre(ServiceCentreOptions options)
    : options_(std::move(options)), reassembler_(options_.max_reassembly) {
  if (options_.max_kept == 0) options_.max_kept = 1;
}

Delivery ServiceCentre::deliver_for(const sms::Submit& submit, const sms::Address& originator,
                                    const sms::Timestamp& scts) const {
  sms::Deliver d;
  d.status_report_indication = submit.status_report_request;
  d.reply_path = submit.reply_path;
  d.originator = originator;
  d.pid = submit.pid;
  d.dcs = submit.dcs;
  d.service_centre_time = scts;
  d.user_data = submit.user_data;
  // The user data decoded from a valid SUBMIT always fits a DELIVER (same limits).
  return Delivery{sms::Pdu{options_.address, sms::encode(d).value_or(sms::Octets{})}, d};
}

sms::Pdu ServiceCentre::report_for(const sms::Submit& submit, const sms::Timestamp& scts,
                                   const sms::Timestamp& discharge, std::uint8_t status) const {
  sms::StatusReport r;
  r.reference = submit.reference;
  r.recipient = submit.destination;
  r.service_centre_time = scts;
  r.discharge_time = discharge;
  r.status = status;
  return sms::Pdu{options_.address, sms::encode(r).value_or(sms::Octets{})};
}

std::optional<std::vector<Delivery>> ServiceCentre::deliveries_for_text(
    const sms::Address& originator, std::u32string_view text, const sms::Timestamp& scts) {
  auto parts = sms::split_text(text, next_reference_);
  if (!parts) return std::nullopt;
  if (parts->parts.size() > 1)
    next_reference_ = static_cast<std::uint16_t>((next_reference_ + 1) % 256);
  std::vector<Delivery> out;
  for (auto& ud : parts->parts) {
    sms::Deliver d;
    d.originator = originator;
    d.dcs = sms::DataCoding::octet_for(parts->alphabet);
    d.service_centre_time = scts;
    d.user_data = std::move(ud);
    auto tpdu = sms::encode(d);
    if (!tpdu) return std::nullopt;
    out.push_back(Delivery{sms::Pdu{options_.address, std::move(*tpdu)}, std::move(d)});
  }
  return out;
}

std::vector<SmsRecord> ServiceCentre::note(Route route, const std::string& from,
                                           const std::string& to, const sms::UserData& ud,
                                           std::uint8_t dcs, const sms::Octets& tpdu,
                                           const std::string& time) {
  Part part{route, from, to, sms::text_of(ud, sms::DataCoding::from_octet(dcs)), sms::to_hex(tpdu)};
  std::vector<SmsRecord> out;
  const auto concat = ud.concatenation();
  if (!concat) {
    out.push_back(record({std::move(part)}, time, true));
  } else {
    // Parts belong together when they share sender, recipient and route (23.040 §9.2.3.24.1).
    const std::string scope = std::string(route_name(route)) + "|" + from + "|" + to;
    if (auto parts = reassembler_.add(scope, *concat, std::move(part))) {
      out.push_back(record(std::move(*parts), time, true));
    }
    for (auto& abandoned : reassembler_.take_abandoned()) {
      out.push_back(record(std::move(abandoned), time, false));
    }
  }
  for (const auto& r : out) remember(r);
  return out;
}

SmsRecord ServiceCentre::record(std::vector<Part> parts, const std::string& time, bool complete) {
  SmsRecord r;
  r.id = next_id_++;
  r.time = time;
  r.route = parts.front().route;
  r.from = parts.front().from;
  r.to = parts.front().to;
  r.parts = static_cast<int>(parts.size());
  r.complete = complete;
  std::u32string text;
  bool all_text = true;
  for (auto& p : parts) {
    all_text = all_text && p.text.has_value();
    if (p.text) text += *p.text;
    r.pdus.push_back(std::move(p.tpdu));
  }
  if (all_text) {
    r.text = sms::u32_to_utf8(text);
    r.pdus.clear();
  }
  return r;
}

void ServiceCentre::remember(const SmsRecord& r) {
  if (r.route != Route::Kept) return;
  if (kept_.size() >= options_.max_kept) kept_.pop_front();
  kept_.push_back(r);
}

}  // namespace cellemu::network
