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
    add_ssl_commands(t);
    add_fs_commands(t);
    return t;
  }();
  return table;
}
}  // namespace

Air780epModel::Air780epModel(ModelEnv env)
    : ModemBase(std::move(env)),
      ssl_(ssl_dialect()),
      file_timer_(timers()),
      stack_(std::make_unique<IpStack>(*this)) {
  stack_->set_tls_provider([this](int id, const std::string& host, std::uint16_t port) {
    return link_tls(id, host, port);
  });
}

Air780epModel::~Air780epModel() = default;

void Air780epModel::power_up() {
  stack_->power_up();
  ssl_.reset();
  file_timer_.cancel();
  bearer_open = true;
  bearer_apn.clear();
  ModemBase::power_up();
}

std::optional<at::Outcome> Air780epModel::dispatch_vendor(at::CommandContext& ctx) {
  return vendor_table().dispatch(*this, ctx);
}

}  // namespace cellemu::models::air780ep
