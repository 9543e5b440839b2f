#include "emulator/sms/pdu_codec.h"

namespace cellemu::sms {
namespace {

constexpr std::uint8_t kRejectDuplicates = 0x04;
constexpr std::uint8_t kNoMoreMessages = 0x04;
constexpr std::uint8_t kLoopPrevention = 0x08;
constexpr std::uint8_t kStatusReport = 0x20;  // SRR, SRI, SRQ: the same bit in each TPDU
constexpr std::uint8_t kUdhi = 0x40;
constexpr std::uint8_t kReplyPath = 0x80;
constexpr std::uint8_t kPidPresent = 0x01;
constexpr std::uint8_t kDcsPresent = 0x02;
constexpr std::uint8_t kUdlPresent = 0x04;

std::uint8_t bit(bool on, std::uint8_t mask) {
  return on ? mask : 0;
}

bool append_user_data(Octets& out, const UserData& ud, std::uint8_t dcs) {
  const auto encoded = encode_user_data(ud, DataCoding::from_octet(dcs));
  if (!encoded) return false;
  out.push_back(encoded->length);
  out.insert(out.end(), encoded->octets.begin(), encoded->octets.end());
  return true;
}

void append_validity(Octets& out, const ValidityPeriod& vp) {
  switch (vp.format) {
    case VpFormat::Relative:
      out.push_back(vp.relative);
      break;
    case VpFormat::Absolute:
      encode_timestamp(out, vp.absolute);
      break;
    case VpFormat::Enhanced:
      out.insert(out.end(), vp.enhanced.begin(), vp.enhanced.end());
      break;
    case VpFormat::None:
      break;
  }
}

std::optional<ValidityPeriod> read_validity(OctetReader& in, VpFormat format) {
  ValidityPeriod vp;
  vp.format = format;
  if (format == VpFormat::Relative) {
    const auto v = in.next();
    if (!v) return std::nullopt;
    vp.relative = *v;
  } else if (format == VpFormat::Absolute) {
    const auto t = decode_timestamp(in);
    if (!t) return std::nullopt;
    vp.absolute = *t;
  } else if (format == VpFormat::Enhanced) {
    const auto raw = in.take(7);
    if (!raw) return std::nullopt;
    std::copy(raw->begin(), raw->end(), vp.enhanced.begin());
  }
  return vp;
}

// Reads the first octet and checks its TP-MTI.
std::optional<std::uint8_t> read_first(OctetReader& in, MessageType expected) {
  const auto first = in.next();
  if (!first || message_type(*first) != expected) return std::nullopt;
  return first;
}

// The optional tail of a status report: TP-PI (with extension octets), TP-PID, TP-DCS, TP-UD.
bool read_report_tail(OctetReader& in, StatusReport& r, bool udhi) {
  if (in.done()) return true;
  const auto pi = in.next();
  if (!pi) return false;
  for (std::uint8_t ext = *pi; ext & 0x80;) {  // extension octets carry nothing we use
    const auto more = in.next();
    if (!more) return false;
    ext = *more;
  }
  if (*pi & kPidPresent) r.pid = in.next();
  if (*pi & kDcsPresent) r.dcs = in.next();
  if (((*pi & kPidPresent) && !r.pid) || ((*pi & kDcsPresent) && !r.dcs)) return false;
  if (*pi & kUdlPresent) {
    r.user_data = decode_user_data(in, udhi, DataCoding::from_octet(r.dcs.value_or(0)));
    if (!r.user_data) return false;
  }
  return in.done();
}

}  // namespace

std::uint8_t Submit::first_octet() const {
  return static_cast<std::uint8_t>(0x01 | bit(reject_duplicates, kRejectDuplicates) |
                                   static_cast<std::uint8_t>(validity.format) << 3 |
                                   bit(status_report_request, kStatusReport) |
                                   bit(user_data.has_header, kUdhi) | bit(reply_path, kReplyPath));
}

std::uint8_t Deliver::first_octet() const {
  return static_cast<std::uint8_t>(0x00 | bit(!more_messages, kNoMoreMessages) |
                                   bit(loop_prevention, kLoopPrevention) |
                                   bit(status_report_indication, kStatusReport) |
                                   bit(user_data.has_header, kUdhi) | bit(reply_path, kReplyPath));
}

std::uint8_t StatusReport::first_octet() const {
  const bool udhi = user_data && user_data->has_header;
  return static_cast<std::uint8_t>(0x02 | bit(!more_messages, kNoMoreMessages) |
                                   bit(loop_prevention, kLoopPrevention) |
                                   bit(qualifier, kStatusReport) | bit(udhi, kUdhi));
}

std::optional<Octets> encode(const Submit& s) {
  Octets out{s.first_octet(), s.reference};
  if (!encode_address(out, s.destination, AddressField::Tp)) return std::nullopt;
  out.push_back(s.pid);
  out.push_back(s.dcs);
  append_validity(out, s.validity);
  if (!append_user_data(out, s.user_data, s.dcs)) return std::nullopt;
  return out;
}

std::optional<Octets> encode(const Deliver& d) {
  Octets out{d.first_octet()};
  if (!encode_address(out, d.originator, AddressField::Tp)) return std::nullopt;
  out.push_back(d.pid);
  out.push_back(d.dcs);
  encode_timestamp(out, d.service_centre_time);
  if (!append_user_data(out, d.user_data, d.dcs)) return std::nullopt;
  return out;
}

std::optional<Octets> encode(const StatusReport& r) {
  Octets out{r.first_octet(), r.reference};
  if (!encode_address(out, r.recipient, AddressField::Tp)) return std::nullopt;
  encode_timestamp(out, r.service_centre_time);
  encode_timestamp(out, r.discharge_time);
  out.push_back(r.status);
  if (!r.pid && !r.dcs && !r.user_data) return out;
  out.push_back(bit(r.pid.has_value(), kPidPresent) | bit(r.dcs.has_value(), kDcsPresent) |
                bit(r.user_data.has_value(), kUdlPresent));
  if (r.pid) out.push_back(*r.pid);
  if (r.dcs) out.push_back(*r.dcs);
  if (r.user_data && !append_user_data(out, *r.user_data, r.dcs.value_or(0))) return std::nullopt;
  return out;
}

std::optional<Submit> decode_submit(OctetView tpdu) {
  OctetReader in(tpdu);
  const auto first = read_first(in, MessageType::Submit);
  const auto mr = in.next();
  if (!first || !mr) return std::nullopt;
  Submit s;
  s.reject_duplicates = *first & kRejectDuplicates;
  s.status_report_request = *first & kStatusReport;
  s.reply_path = *first & kReplyPath;
  s.reference = *mr;
  auto da = decode_address(in, AddressField::Tp);
  const auto pid = in.next();
  const auto dcs = in.next();
  if (!da || !pid || !dcs) return std::nullopt;
  auto vp = read_validity(in, static_cast<VpFormat>(*first >> 3 & 0x03));
  if (!vp) return std::nullopt;
  auto ud = decode_user_data(in, *first & kUdhi, DataCoding::from_octet(*dcs));
  if (!ud) return std::nullopt;
  s.destination = std::move(*da);
  s.pid = *pid;
  s.dcs = *dcs;
  s.validity = *vp;
  s.user_data = std::move(*ud);
  return s;
}

std::optional<Deliver> decode_deliver(OctetView tpdu) {
  OctetReader in(tpdu);
  const auto first = read_first(in, MessageType::Deliver);
  if (!first) return std::nullopt;
  auto oa = decode_address(in, AddressField::Tp);
  const auto pid = in.next();
  const auto dcs = in.next();
  if (!oa || !pid || !dcs) return std::nullopt;
  const auto scts = decode_timestamp(in);
  if (!scts) return std::nullopt;
  auto ud = decode_user_data(in, *first & kUdhi, DataCoding::from_octet(*dcs));
  if (!ud) return std::nullopt;
  Deliver d;
  d.more_messages = !(*first & kNoMoreMessages);
  d.loop_prevention = *first & kLoopPrevention;
  d.status_report_indication = *first & kStatusReport;
  d.reply_path = *first & kReplyPath;
  d.originator = std::move(*oa);
  d.pid = *pid;
  d.dcs = *dcs;
  d.service_centre_time = *scts;
  d.user_data = std::move(*ud);
  return d;
}

std::optional<StatusReport> decode_status_report(OctetView tpdu) {
  OctetReader in(tpdu);
  const auto first = read_first(in, MessageType::StatusReport);
  const auto mr = in.next();
  if (!first || !mr) return std::nullopt;
  auto ra = decode_address(in, AddressField::Tp);
  if (!ra) return std::nullopt;
  const auto scts = decode_timestamp(in);
  const auto dt = decode_timestamp(in);
  const auto st = in.next();
  if (!scts || !dt || !st) return std::nullopt;
  StatusReport r;
  r.more_messages = !(*first & kNoMoreMessages);
  r.loop_prevention = *first & kLoopPrevention;
  r.qualifier = *first & kStatusReport;
  r.reference = *mr;
  r.recipient = std::move(*ra);
  r.service_centre_time = *scts;
  r.discharge_time = *dt;
  r.status = *st;
  if (!read_report_tail(in, r, *first & kUdhi)) return std::nullopt;
  return r;
}

std::optional<Pdu> Pdu::split(OctetView octets) {
  OctetReader in(octets);
  auto sca = decode_address(in, AddressField::ServiceCentre);
  if (!sca) return std::nullopt;
  Pdu out;
  if (!sca->value.empty()) out.sca = std::move(*sca);
  const auto rest = in.take(in.remaining());
  out.tpdu.assign(rest->begin(), rest->end());
  return out;
}

Octets Pdu::octets() const {
  Octets out;
  if (!sca || !encode_address(out, *sca, AddressField::ServiceCentre)) out = {0x00};
  out.insert(out.end(), tpdu.begin(), tpdu.end());
  return out;
}

}  // namespace cellemu::sms
