#include <fmt/format.h>

#include "models/air780ep/air780ep_commands.h"

namespace cellemu::models::air780ep {
namespace {

// "{ids}" of a test text: the link ids and a comma in multi-link mode, nothing in single-link
// mode ("+CIPSTART: (0-5),(...)" / "+CIPSTART: (...)", OQ-16).
std::string link_ids(Air780epModel& m) {
  const IpStack& s = m.stack();
  return s.multi() ? fmt::format("(0-{}),", s.link_count() - 1) : std::string();
}

// AT+RESET -> OK, then the module restarts: "RDY", the power-up burst, settings at power-up
// values (LM; LG "AT+RESET -> OK … RDY"; services §4.5)
at::Outcome reset(Air780epModel& m, at::CommandContext&) {
  m.request_reboot();
  return at::Final::ok();
}

}  // namespace

const at::CommandTable<Air780epModel>& command_table() {
  static const at::CommandTable<Air780epModel> table = [] {
    // A TCP/IP command in a form it does not have: "Error 3", as for a state it is not allowed
    // in (spec v250 §3.1; S0, MH).
    at::CommandTable<Air780epModel> t(at::AbsentForms::all(not_allowed()), link_ids);
    add_context_commands(t);
    add_connection_commands(t);
    add_send_commands(t);
    add_receive_commands(t);
    add_setting_commands(t);
    add_keepalive_commands(t);
    add_dns_commands(t);
    add_bearer_commands(t);
    add_ssl_commands(t);
    add_fs_commands(t);
    add_http_commands(t);
    t.add("+RESET", {.exec = reset, .absent = at::AbsentForms::all(at::Final::error())});
    add_mqtt_commands(t);
    add_mqtt_message_commands(t);
    return t;
  }();
  return table;
}

}  // namespace cellemu::models::air780ep
