#pragma once

#include <string>
#include <vector>

#include "emulator/sms/message_store.h"
#include "emulator/sms/mt_router.h"
#include "emulator/sms/sms_service.h"

namespace cellemu::models::sms_lines {

// The lines of the 27.005 result codes and URCs (spec services §2.9, §2.11), worded from the
// vendor-neutral views of emulator/sms. Both modules print them the same way (§9, OQ-S40).

// What a module prints for one message: a header line and, unless it is a text-mode status
// report, the data line (PDU hex or text-mode <data>).
struct Lines {
  std::string header;
  std::string data;  // empty with `has_data` false: nothing follows the header
  bool has_data = true;
};

// +CMGR: "<stat>",... / <stat>,,<length> for the message at an index of <mem1>.
Lines cmgr(const sms::SmsService& sms, const sms::StoredMessage& message);
// One +CMGL entry.
Lines cmgl(const sms::SmsService& sms, int index, const sms::StoredMessage& message);
// The URC of a new-message indication: +CMTI, +CMT or +CDS.
Lines indication(const sms::SmsService& sms, const sms::Indication& indication);

}  // namespace cellemu::models::sms_lines
