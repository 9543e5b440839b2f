#include <fmt/format.h>

#include "models/nm28/nm28_commands.h"
#include "models/nm28/nm28_model.h"

namespace cellemu::models::nm28 {
namespace {

// "{ids}" of a test text: the socket ids as every NM28 test response prints them, "(0-7)".
std::string socket_ids(Nm28Model& m) {
  return fmt::format("(0-{})", m.socket_count() - 1);
}

// The TCP/IP commands in a form they do not have: the read form answers OK alone (N-032), the
// others plain ERROR whatever AT+CMEE says (OQ-8).
at::AbsentForms absent_forms() {
  return {.read = at::Final::ok(), .set = at::Final::error(), .exec = at::Final::error()};
}

}  // namespace

const at::CommandTable<Nm28Model>& command_table() {
  static const at::CommandTable<Nm28Model> table = [] {
    at::CommandTable<Nm28Model> t(absent_forms(), socket_ids);
    add_socket_commands(t);
    add_data_commands(t);
    add_ssl_commands(t);
    return t;
  }();
  return table;
}

}  // namespace cellemu::models::nm28
