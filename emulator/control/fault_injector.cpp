#include "emulator/control/fault_injector.h"

#include <random>

#include "emulator/core/logging.h"

namespace cellemu::control {
namespace {
using Verb = FaultCommand::Verb;
using nlohmann::json;

json error(std::string message) {
  return {{"ok", false}, {"error", std::move(message)}};
}

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

json apply_link(session::ModemSession& modem, const FaultCommand& c) {
  auto link = modem.model().link_by_id(static_cast<int>(c.number));
  if (!link || link->state() != net::LinkState::Connected) {
    return error("no connected link " + std::to_string(c.number) + " (see `status`)");
  }
  if (c.action == "close") link->inject_peer_close();
  if (c.action == "reset") link->inject_peer_reset();
  if (c.action == "blackhole") link->blackhole();
  return {{"ok", true}};
}

json apply_net(session::ModemSession& modem, const FaultCommand& c) {
  auto& shaping = modem.sockets().conditions().shaping;
  if (c.action == "clear") shaping = net::Shaping{};
  if (c.action == "delay") shaping.delay = c.duration;
  if (c.action == "jitter") shaping.jitter = c.duration;
  if (c.action == "loss") shaping.loss = c.value / 100.0;
  if (c.action == "rate") shaping.rate = static_cast<std::uint64_t>(c.number);
  return {{"ok", true}};
}

json apply_nat(session::ModemSession& modem, const FaultCommand& c) {
  auto& nat = modem.sockets().conditions().nat;
  if (c.action != "udp") nat.tcp_idle = c.duration;
  if (c.action != "tcp") nat.udp_idle = c.duration;
  modem.sockets().nat_policy_changed();  // links already open too
  return {{"ok", true}};
}

void serial_garbage(session::ModemSession& modem, std::size_t n) {
  std::mt19937 rng(static_cast<std::uint32_t>(n));
  std::string bytes(n, '\0');
  for (auto& b : bytes) b = static_cast<char>(rng() & 0xFF);
  modem.channel().write(bytes);
}

}  // namespace

json apply_fault(session::ModemSession& modem, const FaultCommand& c) {
  auto& model = modem.model();
  core::logger("control")->info("{}: {}", modem.name(), c.source);
  switch (c.verb) {
    case Verb::Status:
      return {{"ok", true}, {"status", modem_status(modem)}};
    case Verb::PdpDeact:
      if (!model.network_deactivate()) return error(model.model_name() + " has no data context");
      return {{"ok", true}};
    case Verb::Reboot:
      model.request_reboot();
      return {{"ok", true}};
    case Verb::Sim:
      model.set_sim(c.action == "remove" ? models::SimState::Absent : models::SimState::Ready);
      return {{"ok", true}};
    case Verb::Signal:
      model.set_signal(static_cast<int>(c.number), static_cast<int>(c.second));
      return {{"ok", true}};
    case Verb::Register:
      model.set_registration(static_cast<models::RegStatus>(c.number));
      return {{"ok", true}};
    case Verb::Link:
      return apply_link(modem, c);
    case Verb::Net:
      return apply_net(modem, c);
    case Verb::NatIdle:
      return apply_nat(modem, c);
    case Verb::Dns:
      modem.sockets().resolver().set_failing(c.action == "fail");
      return {{"ok", true}};
    case Verb::Connect:
      modem.sockets().conditions().connect_fault = c.action == "refuse" ? net::ConnectFault::Refuse
                                                   : c.action == "timeout"
                                                       ? net::ConnectFault::Timeout
                                                       : net::ConnectFault::None;
      return {{"ok", true}};
    case Verb::ResetAfter:
      modem.sockets().conditions().reset_after_bytes =
          c.action == "off" ? std::nullopt : std::optional<std::uint64_t>(c.number);
      return {{"ok", true}};
    case Verb::Serial:
      if (c.action == "garbage") serial_garbage(modem, static_cast<std::size_t>(c.number));
      if (c.action == "drop") modem.drop_input(static_cast<std::size_t>(c.number));
      return {{"ok", true}};
    case Verb::Urc:
      model.urc(c.text);
      return {{"ok", true}};
  }
  return error("unhandled verb");
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
  return {
      {"modem", modem.name()},
      {"model", model.model_name()},
      {"port", modem.channel().describe()},
      {"sim", sim_name(radio.sim)},
      {"registration", static_cast<int>(radio.reg)},
      {"rssi", radio.rssi},
      {"ber", radio.ber},
      {"attached", radio.attached},
      {"cfun", radio.cfun},
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
}

}  // namespace cellemu::control
