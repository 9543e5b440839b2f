#include "models/common/common_commands.h"

namespace cellemu::models {

const at::CommandTable<ModemBase>& common_command_table() {
  static const at::CommandTable<ModemBase> table = [] {
    // A 27.007 command asked in a form it does not have: CME 3, like a bad parameter (spec v250
    // §3.1; services.md §1.2, WH "AT+CCED" -> +CME ERROR: 3).
    at::CommandTable<ModemBase> t(at::AbsentForms::all(common::bad_parameter()));
    common::add_basic_commands(t);
    common::add_identity_commands(t);
    common::add_network_commands(t);
    common::add_pdp_commands(t);
    common::add_dialup_commands(t);
    common::add_cmux_commands(t);
    common::add_sms_commands(t);
    common::add_sms_message_commands(t);
    common::add_clock_commands(t);
    common::add_device_commands(t);
    return t;
  }();
  return table;
}

}  // namespace cellemu::models
