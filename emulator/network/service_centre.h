#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "emulator/network/sms_record.h"
#include "emulator/sms/pdu_codec.h"
#include "emulator/sms/reassembler.h"

namespace cellemu::network {

// An SMS-DELIVER as the SMSC hands it to a module, with its decoded form.
struct Delivery {
  sms::Pdu pdu;
  sms::Deliver deliver;
};

struct ServiceCentreOptions {
  sms::Address address;  // the SCA of every MT PDU
  std::size_t max_kept = 1000;
  std::size_t max_reassembly = 64;  // concatenated messages being joined at once
};

// The emulated SMSC's own logic, without threads: builds the SMS-DELIVER and SMS-STATUS-REPORT
// PDUs, cuts injected text into parts, joins the parts of concatenated messages for the log and
// the listing, and keeps the messages addressed outside the process (bounded: the oldest go).
// The Network calls it under its lock.
class ServiceCentre {
 public:
  explicit ServiceCentre(ServiceCentreOptions options);

  const sms::Address& address() const { return options_.address; }
  // The SMS-DELIVER of an SMS-SUBMIT from `originator`, stamped `scts` (TP-SRI set when the
  // sender asked for a report).
  Delivery deliver_for(const sms::Submit& submit, const sms::Address& originator,
                       const sms::Timestamp& scts) const;
  // The SMS-STATUS-REPORT for `submit` (its TP-MR and TP-DA).
  sms::Pdu report_for(const sms::Submit& submit, const sms::Timestamp& scts,
                      const sms::Timestamp& discharge, std::uint8_t status) const;
  // Injected text from `originator`: one SMS-DELIVER per part (GSM 7-bit if it fits, else UCS2;
  // concatenated with an 8-bit reference past one message). nullopt if it needs > 255 parts.
  std::optional<std::vector<Delivery>> deliveries_for_text(const sms::Address& originator,
                                                           std::u32string_view text,
                                                           const sms::Timestamp& scts);

  // One message part passing through: returns the records it completes (the message it ends,
  // and any the bound made the SMSC give up on). Kept records are also remembered for kept().
  std::vector<SmsRecord> note(Route route, const std::string& from, const std::string& to,
                              const sms::UserData& ud, std::uint8_t dcs, const sms::Octets& tpdu,
                              const std::string& time);
  // Messages addressed outside the process, oldest first.
  std::vector<SmsRecord> kept() const { return {kept_.begin(), kept_.end()}; }

 private:
  struct Part {
    Route route;
    std::string from;
    std::string to;
    std::optional<std::u32string> text;
    std::string tpdu;
  };
  SmsRecord record(std::vector<Part> parts, const std::string& time, bool complete);
  void remember(const SmsRecord& record);

  ServiceCentreOptions options_;
  std::uint16_t next_reference_ = 0;
  std::uint64_t next_id_ = 1;
  sms::Reassembler<Part> reassembler_;
  std::deque<SmsRecord> kept_;
};

}  // namespace cellemu::network
