#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "emulator/sms/cms_cause.h"

namespace cellemu::network {

// How the network can refuse the next MO message (`cellemu ctl sms fail CAUSE`): a 27.005 code
// the SMS layer knows (300-500, sms::kCmsCauses) or one of the words below for the failures spec
// services §2.1 names.
//   rejected -> CMS 500 (SMSC rejection), timeout -> CMS 332, no-service -> CMS 331
std::optional<sms::CmsCause> parse_failure_cause(std::string_view word);
// "rejected|timeout|no-service|a +CMS ERROR code (300-500)", for help and error messages.
std::string failure_cause_usage();

}  // namespace cellemu::network
