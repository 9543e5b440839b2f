#include "models/air780ep/air780ep_model.h"

#include <fmt/format.h>

#include "models/air780ep/air780ep_commands.h"

namespace cellemu::models::air780ep {

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

void Air780epModel::on_power_up() {
  stack_->power_up();
  ssl_.reset();
  file_timer_.cancel();
  bearer_open = true;
  bearer_apn.clear();
}

// Without an active context there is nothing the network could take: the TCP/IP state stays
// (§9.1 applies to "any active state"); the fault is still accepted.
bool Air780epModel::network_deactivate() {
  stack_->pdp_deactivated();
  return true;
}

std::shared_ptr<net::Link> Air780epModel::link_by_id(int id) {
  if (!stack_->multi() && id != 0) return nullptr;
  return stack_->links().link_by_id(id);
}

// Every link id that is in use, with its state as a "C:" row of AT+CIPSTATUS names it.
std::vector<ModemBase::LinkStatus> Air780epModel::link_status() {
  return stack_->links().link_status(
      [](const ModuleSocket& s) { return std::string(slot_state_name(s.state())); });
}

std::string Air780epModel::ip_state() {
  return std::string(state_name(stack_->state(), stack_->slot(0).protocol()));
}

std::optional<at::Outcome> Air780epModel::dispatch_vendor(at::CommandContext& ctx) {
  return command_table().dispatch(*this, ctx);
}

}  // namespace cellemu::models::air780ep
