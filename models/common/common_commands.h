#pragma once

#include "emulator/at/command_table.h"
#include "models/common/modem_base.h"

namespace cellemu::models::common {

// Handlers of the commands both modules share, grouped by file:
// basic_commands.cpp (V.250), identity_commands.cpp, network_commands.cpp (27.007).
void add_basic_commands(at::CommandTable<ModemBase>& table);
void add_identity_commands(at::CommandTable<ModemBase>& table);
void add_network_commands(at::CommandTable<ModemBase>& table);
// pdp_commands.cpp (+CGDCONT +CGAUTH +CGACT +CGPADDR +CGDATA), dialup_commands.cpp (D A H O &C &D).
void add_pdp_commands(at::CommandTable<ModemBase>& table);
void add_dialup_commands(at::CommandTable<ModemBase>& table);
// cmux_commands.cpp (+CMUX).
void add_cmux_commands(at::CommandTable<ModemBase>& table);

// 27.007 numbers beyond the engine's (services.md §1.2): a recognised command or value the
// module does not offer; a parameter value it does not accept (OQ-S31; SDK "Incorrect
// parameters").
inline constexpr at::CmeError kOperationNotSupported{4};
inline constexpr at::CmeError kIncorrectParameters{50};

// sms_commands.cpp (27.005 settings), sms_message_commands.cpp (sending and storage).
void add_sms_commands(at::CommandTable<ModemBase>& table);
void add_sms_message_commands(at::CommandTable<ModemBase>& table);
// clock_commands.cpp (+CCLK, +CTZU, +CTZR).
void add_clock_commands(at::CommandTable<ModemBase>& table);
// device_commands.cpp (+CBC, +CNUM, +CLCK, +CPWD).
void add_device_commands(at::CommandTable<ModemBase>& table);

// The usual answer to a malformed or out-of-range 27.007 parameter (spec v250 §3.1).
inline at::Final bad_parameter() {
  return at::Final::cme(at::CmeError::OperationNotAllowed);
}

// The most a prompted SMS body may carry: the longest PDU (12-octet SCA field + 164 octets) as
// hex with room for the whitespace OQ-S35 ignores; more is consumed and discarded.
inline constexpr std::size_t kMaxSmsBody = 1024;

inline at::Final sms_error(sms::CmsCause cause) {
  return at::Final::cms(sms::code(cause));
}

// A malformed or out-of-range 27.005 parameter: CMS 304 in PDU mode, 305 in text mode (spec
// services §1.2, OQ-S32).
inline at::Final sms_parameter_error(ModemBase& m) {
  return sms_error(m.sms().settings().text_mode ? sms::CmsCause::InvalidTextParameter
                                                : sms::CmsCause::InvalidPduParameter);
}

// SIM-dependent 27.005 commands answer CMS 310/311/316 until the SIM is ready (spec §1.1).
inline std::optional<at::Final> sms_sim_error(ModemBase& m) {
  if (auto e = m.sms_conditions().sim_error) return sms_error(*e);
  return std::nullopt;
}

}  // namespace cellemu::models::common
