#include "models/common/common_commands.h"

namespace cellemu::models {

const at::CommandTable<ModemBase>& common_command_table() {
  static const at::CommandTable<ModemBase> table = [] {
    at::CommandTable<ModemBase> t;
    common::add_basic_commands(t);
    common::add_identity_commands(t);
    common::add_network_commands(t);
    return t;
  }();
  return table;
}

}  // namespace cellemu::models
