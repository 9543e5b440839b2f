#include "models/air780ep/air780ep_model.h"

#include <fmt/format.h>

#include "models/air780ep/air780ep_commands.h"
#include "models/common/dialup.h"

namespace cellemu::models::air780ep {

Air780epModel::Air780epModel(ModelEnv env)
    : ModemBase(std::move(env)),
      ssl_(ssl_dialect()),
      file_timer_(timers()),
      stack_(std::make_unique<IpStack>(*this)),
      mqtt_(std::make_unique<MqttSession>(*this)) {
  stack_->set_tls_provider([this](int id, const std::string& host, std::uint16_t port) {
    return link_tls(id, host, port);
  });
}

Air780epModel::~Air780epModel() = default;

void Air780epModel::power_up() {
  stack_->power_up();
  mqtt_->power_up();
  ssl_.reset();
  file_timer_.cancel();
  bearer_open = true;
  bearer_apn.clear();
  ModemBase::power_up();
}

void Air780epModel::on_reset() {
  stack_->power_up();
  mqtt_->power_up();
}

void Air780epModel::on_output_drained() {
  stack_->links().on_output_drained();
  mqtt_->on_output_drained();
}

void Air780epModel::on_detach() {
  mqtt_->network_lost();
  stack_->pdp_deactivated();
}

// Without an active context there is nothing the network could take: the TCP/IP state stays
// (§9.1 applies to "any active state"); the fault is still accepted. An MQTT session on the
// default PDN is dropped silently after "+CGEV: NW PDN DEACT 1" (LTM; app-protocols.md §2.5,
// the order of OQ-A17).
bool Air780epModel::network_deactivate() {
  const std::string& line = profile().ppp_pdn_lost_urc;
  if (mqtt_->network_lost() && !line.empty()) urc(pdn_line(line, 1));
  stack_->pdp_deactivated();
  return true;
}

std::shared_ptr<net::Link> Air780epModel::link_by_id(int id) {
  if (id == MqttSession::kSocketId) return mqtt_->link();
  if (!stack_->multi() && id != 0) return nullptr;
  return stack_->links().link_by_id(id);
}

// Every link id that is in use, with its state as a "C:" row of AT+CIPSTATUS names it, and the
// MQTT client's socket 7 with its §3.3 state.
std::vector<ModemBase::LinkStatus> Air780epModel::link_status() {
  auto out = stack_->links().link_status(
      [](const ModuleSocket& s) { return std::string(slot_state_name(s.state())); });
  if (auto mqtt = mqtt_->status()) out.push_back(std::move(*mqtt));
  return out;
}

std::string Air780epModel::ip_state() {
  return std::string(state_name(stack_->state(), stack_->slot(0).protocol()));
}

std::optional<at::Outcome> Air780epModel::dispatch_vendor(at::CommandContext& ctx) {
  return command_table().dispatch(*this, ctx);
}

}  // namespace cellemu::models::air780ep
