#pragma once

#include "emulator/sms/te_charset.h"
#include "emulator/sms/text_mode.h"

namespace cellemu::sms {

// +CNMI <mode>,<mt>,<bm>,<ds>,<bfr> (27.005 §3.4.1).
struct CnmiSettings {
  int mode = 0;
  int mt = 0;
  int bm = 0;
  int ds = 0;
  int bfr = 0;
  friend bool operator==(const CnmiSettings&, const CnmiSettings&) = default;
};

// The 27.005 settings of one module with their power-up values (spec services §2.2). None
// survives a power cycle (§1.1); the SMSC address lives on the SIM and is kept elsewhere.
struct SmsSettings {
  bool text_mode = false;          // +CMGF
  Charset charset = Charset::Gsm;  // +CSCS
  int service = 0;                 // +CSMS
  TextModeParams text;             // +CSMP
  bool show_header = false;        // +CSDH
  CnmiSettings cnmi;               // +CNMI (power-up value from the profile, OQ-S1)
  int more_messages = 0;           // +CMMS
};

}  // namespace cellemu::sms
