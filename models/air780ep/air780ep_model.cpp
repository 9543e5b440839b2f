#include "models/air780ep/air780ep_model.h"

#include <fmt/format.h>

#include "models/air780ep/air780ep_commands.h"
#include "models/air780ep/http_service.h"
#include "models/common/dialup.h"

namespace cellemu::models::air780ep {

Air780epModel::Air780epModel(ModelEnv env)
    : ModemBase(std::move(env)),
      ssl_(ssl_dialect()),
      file_timer_(timers()),
      stack_(std::make_unique<IpStack>(*this)),
      http_(std::make_unique<HttpService>(*this)),
      mqtt_(std::make_unique<MqttSession>(*this)) {
  stack_->set_tls_provider([this](int id, const std::string& host, std::uint16_t port) {
    return link_tls(id, host, port);
  });
}

Air780epModel::~Air780epModel() = default;

void Air780epModel::on_power_up() {
  stack_->power_up();
  mqtt_->power_up();
  ssl_.reset();
  file_timer_.cancel();
  bearers_.reset();
  http_->reset();
}

void Air780epModel::on_reset() {
  stack_->power_up();
  mqtt_->power_up();
  bearers_.reset();
  http_->reset();
}

void Air780epModel::on_output_drained() {
  stack_->links().on_output_drained();
  mqtt_->on_output_drained();
}

// Detaching acts as a network PDN loss for the HTTP stack and the MQTT session (OQ-A18);
// attaching again brings the default PDN back, so bearer 1 is not marked dropped.
void Air780epModel::on_detach() {
  if (http_->involved_in_pdn_loss()) urc("+SAPBR 1: DEACT");
  bearers_.at(1).opened_by_host = false;
  mqtt_->network_lost();
  stack_->pdp_deactivated();
  http_->network_lost();
}

// The default PDN (bearer 1) is gone. The lines come in the order of app-protocols.md §2.5
// (OQ-A17): +CGEV when an application stack uses the default PDN (the HTTP stack's bearer,
// opened with AT+SAPBR=1,1 or a request running, LTH; an MQTT session, which is dropped
// silently, LTM), +SAPBR 1: DEACT for the HTTP stack, +PDP: DEACT when a TCP/IP context was
// active (§9.1), then the running request's +HTTPACTION: <m>,601,0. Without an active context
// the TCP/IP state stays; the fault is still accepted.
bool Air780epModel::network_deactivate() {
  const bool http_lines = http_->involved_in_pdn_loss();
  const bool mqtt_held = mqtt_->network_lost();
  SapbrBearers::Bearer& bearer = bearers_.at(1);
  bearer.dropped = bearer.open;
  bearer.open = false;
  bearer.opened_by_host = false;
  const std::string& line = profile().ppp_pdn_lost_urc;
  if ((http_lines || mqtt_held) && !line.empty()) urc(pdn_line(line, 1));
  if (http_lines) urc("+SAPBR 1: DEACT");
  stack_->pdp_deactivated();
  http_->network_lost();
  return true;
}

std::shared_ptr<net::Link> Air780epModel::link_by_id(int id) {
  if (id == HttpService::kLinkId) return http_->link();
  if (id == MqttSession::kSocketId) return mqtt_->link();
  if (!stack_->multi() && id != 0) return nullptr;
  return stack_->links().link_by_id(id);
}

// Every link id that is in use, with its state as a "C:" row of AT+CIPSTATUS names it; the
// connection of a running HTTP request as link 6, the MQTT client's socket 7 with its §3.3 state.
std::vector<ModemBase::LinkStatus> Air780epModel::link_status() {
  auto rows = stack_->links().link_status(
      [](const ModuleSocket& s) { return std::string(slot_state_name(s.state())); });
  const auto& http = http_->link();
  if (http && http->state() != net::LinkState::Closed) {
    rows.push_back(
        {.id = HttpService::kLinkId,
         .protocol = "HTTP",
         .remote = fmt::format("{}:{}", http->spec().host, http->spec().port),
         .state = http->state() == net::LinkState::Connected ? "CONNECTED" : "CONNECTING",
         .sent = http->bytes_sent(),
         .received = http->bytes_received()});
  }
  if (auto mqtt = mqtt_->status()) rows.push_back(std::move(*mqtt));
  return rows;
}

std::string Air780epModel::ip_state() {
  return std::string(state_name(stack_->state(), stack_->slot(0).protocol()));
}

std::optional<at::Outcome> Air780epModel::dispatch_vendor(at::CommandContext& ctx) {
  return command_table().dispatch(*this, ctx);
}

}  // namespace cellemu::models::air780ep
