// The SMS codec on arbitrary octets: what a host writes after AT+CMGS/AT+CMGW (PDU and text mode)
// and what `ctl sms deliver --pdu` hands the network. Checks in fuzz/sms_pdu_checks.h.
#include <cstdlib>

#include "fuzz/sms_pdu_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (!cellemu::fuzz::check_sms_input(data, size)) std::abort();
  return 0;
}
