#include "emulator/control/fault_injector.h"

#include "emulator/core/logging.h"
#include "models/common/dialup.h"

namespace cellemu::control {
namespace {
using nlohmann::json;

const char* sim_name(models::SimState s) {
  switch (s) {
    case models::SimState::Ready:
      return "ready";
    case models::SimState::Absent:
      return "absent";
    case models::SimState::PinRequired:
      return "pin";
    case models::SimState::PukRequired:
      return "puk";
  }
  return "?";
}

// The dial-up call and the carrier NAT's flows behind it, with their bytes.
json dialup_status(models::Dialup& dialup) {
  net::ppp::DialupCall* call = dialup.call();
  json flows = json::array();
  for (const auto& f : call->flows()) {
    flows.push_back(
        {{"id", f.id},
         {"protocol", f.protocol},
         {"remote", f.remote},
         {"real", f.real},
         {"peer_port", f.peer_port},
         {"inbound", f.inbound},
         {"bytes_up", f.bytes_up},
         {"bytes_down", f.bytes_down},
         {"idle_ms", std::chrono::duration_cast<std::chrono::milliseconds>(f.idle).count()}});
  }
  const auto& counters = call->session().counters();
  return {{"cid", dialup.cid()},
          {"state", dialup.state()},
          {"up", call->network_up()},
          {"host", call->network_up() ? net::ppp::to_dotted(call->session().ipcp().peer) : ""},
          {"ppp_bytes_in", counters.bytes_in},
          {"ppp_bytes_out", counters.bytes_out},
          {"flows", flows}};
}

}  // namespace

json apply_fault(session::ModemSession& modem, const FaultCommand& c) {
  core::logger("control")->info("{}: {}", modem.name(), c.source);
  if (!c.verb || !c.verb->handler) return fault_error("not a parsed fault command");
  return c.verb->handler(modem, c);
}

json modem_status(session::ModemSession& modem) {
  auto& model = modem.model();
  const auto& radio = model.radio();
  const auto& cond = modem.sockets().conditions();
  json links = json::array();
  for (const auto& l : model.link_status()) {
    links.push_back({{"id", l.id},
                     {"protocol", l.protocol},
                     {"remote", l.remote},
                     {"state", l.state},
                     {"sent", l.sent},
                     {"received", l.received},
                     {"nat_lost", l.nat_lost},
                     {"dropped", l.dropped}});
  }
  auto ms = [](core::Duration d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  };
  const auto& sms = model.sms().counters();
  const auto now = modem.timers().now();
  json status = {
      {"modem", modem.name()},
      {"model", model.model_name()},
      {"port", modem.channel().describe()},
      {"sim", sim_name(radio.sim)},
      {"sim_awaits_reset", model.sim_awaits_reset()},
      {"urc_timing", std::string(at::urc_timing_name(model.at().responder().urc_timing()))},
      {"registration", static_cast<int>(radio.reg)},
      {"rssi", radio.rssi},
      {"ber", radio.ber},
      {"attached", radio.attached},
      {"cfun", radio.cfun},
      {"power", model.powered() ? "on" : "off"},
      {"dtr", model.dtr() ? "on" : "off"},
      {"sleep",
       {{"csclk", model.sleep().level()},
        {"state", model.sleep().asleep() ? "asleep" : "awake"},
        {"dtr", model.dtr() ? "low" : "high"}}},
      {"battery_mv", model.supply().millivolts},
      {"clock", model.rtc().now().text()},
      {"network_time", modem.network().clock().iso8601(now)},
      {"number", modem.registration().number()},
      {"sms",
       {{"sent", sms.sent},
        {"send_failures", sms.send_failures},
        {"received", sms.received},
        {"refused", sms.refused},
        {"reports", sms.reports}}},
      {"ip_state", model.ip_state()},
      {"links", links},
      {"net",
       {{"delay_ms", ms(cond.shaping.delay)},
        {"jitter_ms", ms(cond.shaping.jitter)},
        {"loss_pct", cond.shaping.loss * 100.0},
        {"rate_bps", cond.shaping.rate},
        {"nat_idle_tcp_s", ms(cond.nat.tcp_idle) / 1000},
        {"nat_idle_udp_s", ms(cond.nat.udp_idle) / 1000}}},
  };
  if (model.dialup().call()) status["dialup"] = dialup_status(model.dialup());
  return status;
}

}  // namespace cellemu::control
