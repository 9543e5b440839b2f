#include "models/air780ep/air780ep_model.h"

#include "models/air780ep/air780ep_commands.h"

namespace cellemu::models::air780ep {
namespace {
const at::CommandTable<Air780epModel>& vendor_table() {
  static const at::CommandTable<Air780epModel> table = [] {
    at::CommandTable<Air780epModel> t;
    add_context_commands(t);
    add_connection_commands(t);
    add_send_commands(t);
    add_receive_commands(t);
    add_setting_commands(t);
    add_keepalive_commands(t);
    add_dns_commands(t);
    add_bearer_commands(t);
    return t;
  }();
  return table;
}
}  // namespace

Air780epModel::Air780epModel(ModelEnv env)
    : ModemBase(std::move(env)), stack_(std::make_unique<IpStack>(*this)) {}

Air780epModel::~Air780epModel() = default;

void Air780epModel::power_up() {
  stack_->power_up();
  bearer_open = true;
  bearer_apn.clear();
  ModemBase::power_up();
}

std::optional<at::Outcome> Air780epModel::dispatch_vendor(at::CommandContext& ctx) {
  return vendor_table().dispatch(*this, ctx);
}

}  // namespace cellemu::models::air780ep
