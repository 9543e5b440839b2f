#include "emulator/control/fault_table.h"

#include <limits>
#include <random>

#include <nlohmann/json.hpp>

#include "emulator/control/fault_command.h"
#include "emulator/control/fault_injector.h"
#include "emulator/network/failure_cause.h"
#include "emulator/network/registration.h"
#include "emulator/session/modem_session.h"
#include "models/common/dialup.h"

namespace cellemu::control {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using Modem = session::ModemSession;
using Command = FaultCommand;

constexpr std::int64_t kUnbounded = std::numeric_limits<std::int64_t>::max();
// Shaping past an hour a packet is no network anyone tests against.
constexpr core::DurationRange kShaping{.max = 1h, .bare_unit = 1ms};

enum class LinkFault { Close, Reset, Blackhole };
enum class NatSide { Both, Tcp, Udp };

net::Shaping& shaping(Modem& m) {
  return m.sockets().conditions().shaping;
}

json status(Modem& m, const Command&) {
  return {{"ok", true}, {"status", modem_status(m)}};
}

json pdp_deact(Modem& m, const Command&) {
  if (!m.model().pdn_lost()) return fault_error(m.model().model_name() + " has no data context");
  return fault_ok();
}

json link(Modem& m, const Command& c) {
  const auto id = c.integer(0);
  auto l = m.model().link_by_id(static_cast<int>(id));
  if (!l || l->state() != net::LinkState::Connected) {
    return fault_error("no connected link " + std::to_string(id) + " (see `status`)");
  }
  switch (c.as<LinkFault>(1)) {
    case LinkFault::Close:
      l->inject_peer_close();
      break;
    case LinkFault::Reset:
      l->inject_peer_reset();
      break;
    case LinkFault::Blackhole:
      l->blackhole();
      break;
  }
  return fault_ok();
}

// One flow of the dial-up call's carrier NAT, by its id in `status` ("dialup"/"flows"): the
// server closes or resets it (the PPP host sees FIN or RST), or the mapping vanishes.
json dialup_flow(Modem& m, const Command& c) {
  net::ppp::DialupCall* call = m.model().dialup().call();
  net::ppp::PppNetwork* network = call ? call->network() : nullptr;
  const auto id = static_cast<std::uint64_t>(c.integer(0));
  net::ppp::FlowFault fault = net::ppp::FlowFault::Blackhole;
  if (c.as<LinkFault>(1) == LinkFault::Close) fault = net::ppp::FlowFault::Close;
  if (c.as<LinkFault>(1) == LinkFault::Reset) fault = net::ppp::FlowFault::Reset;
  if (!network || !network->fault(id, fault)) {
    return fault_error("no dial-up flow " + std::to_string(id) + " (see `status`)");
  }
  return fault_ok();
}

json dtr(Modem& m, const Command& c) {
  m.model().set_dtr(c.as<bool>(0));
  return fault_ok();
}

json nat_idle(Modem& m, const Command& c) {
  auto& nat = m.sockets().conditions().nat;
  const auto side = c.as<NatSide>(1);
  if (side != NatSide::Udp) nat.tcp_idle = c.duration(0);
  if (side != NatSide::Tcp) nat.udp_idle = c.duration(0);
  m.sockets().nat_policy_changed();  // links already open too
  net::ppp::DialupCall* call = m.model().dialup().call();
  if (call && call->network()) call->network()->nat_policy_changed();  // and a call's flows
  return fault_ok();
}

json serial_garbage(Modem& m, const Command& c) {
  const auto n = static_cast<std::size_t>(c.integer(0));
  std::mt19937 rng(static_cast<std::uint32_t>(n));
  std::string bytes(n, '\0');
  for (auto& b : bytes) b = static_cast<char>(rng() & 0xFF);
  m.channel().write(bytes);
  return fault_ok();
}

// An SMS from outside the process reaches the modem (services §2.1 "network side"): FROM and
// TEXT, or with --pdu the SMS-DELIVER as +CMT shows it (FROM and TEXT then unused).
json sms_deliver(Modem& m, const Command& c) {
  auto& reg = m.registration();
  const auto r = c.has(2) ? reg.deliver_pdu(c.text(2)) : reg.deliver_text(c.text(0), c.text(1));
  if (!r.ok()) return fault_error(r.error);
  return {{"ok", true}, {"parts", r.parts}};
}

json sms_fail(Modem& m, const Command& c) {
  const auto cause = network::parse_failure_cause(std::to_string(c.integer(0)));
  if (!cause) return fault_error("usage: sms fail " + network::failure_cause_usage());
  m.registration().fail_next_submit(*cause);
  return fault_ok();
}

// What the service centre kept (messages to numbers outside the process), oldest first.
json sms_list(Modem& m, const Command&) {
  json messages = json::array();
  for (const auto& record : m.network().kept()) messages.push_back(json::parse(record.json()));
  return {{"ok", true}, {"messages", std::move(messages)}};
}

// Network time (services §3): an ISO 8601 time with its zone, or a zone alone ("+32" quarter
// hours). The modem hears it as a NITZ: "+NITZ:" where the model prints one, and its RTC follows
// while +CTZU is 1.
json clock_set(Modem& m, const Command& c) {
  auto& clock = m.network().clock();
  const std::string text = c.text(0);
  if (const auto t = network::NetworkClock::parse_iso8601(text)) {
    clock.set_utc(m.timers().now(), t->utc);
    clock.set_zone(t->zone);
  } else if (const auto zone = network::NetworkClock::parse_zone(text)) {
    clock.set_zone(*zone);
  } else {
    return fault_error("usage: clock set ISO8601|TZ, e.g. 2024-07-23T16:35:01+08:00 or +32 (got '" +
                       text + "')");
  }
  m.model().on_network_time();
  return {{"ok", true}, {"time", clock.iso8601(m.timers().now())}};
}

// The harness locks the SIM as AT+CLCK="SC",1 would (services §5.3): it keeps the lock, so the
// module asks for PIN at its next boot (`reboot`, `power on`, AT+CFUN=1,1), as a real SIM would.
json sim_lock(Modem& m, const Command& c) {
  const std::string pin = c.text(0);
  if (pin.size() < 4 || pin.size() > 8 ||
      pin.find_first_not_of("0123456789") != std::string::npos) {
    return fault_error("usage: sim lock PIN with PIN 4 to 8 digits (got '" + pin + "')");
  }
  auto& radio = m.model().radio();
  radio.pin = pin;
  radio.pin_lock = true;
  radio.wrong_pins = 0;
  return fault_ok();
}

// Rows of one verb stay together. A new verb is one row here plus its handler above (or a
// lambda in the row when it is a line or two).
const std::vector<FaultVerb>& table() {
  static const std::vector<FaultVerb> kVerbs =
      {
          {"status", "", {}, "the modem's state as JSON", status},
          {"pdp-deact", "", {}, "the network deactivates the data context", pdp_deact},
          {"sim",
           "",
           {choice<models::SimState>(
               {{"remove", models::SimState::Absent}, {"insert", models::SimState::Ready}})},
           "SIM card pulled / put back",
           [](Modem& m, const Command& c) {
             m.model().set_sim(c.as<models::SimState>(0));
             return fault_ok();
           }},
          {"sim",
           "lock",
           {word("PIN")},
           "the SIM's PIN lock on with PIN: the next boot asks for it",
           sim_lock},
          {"signal",
           "",
           {integer("RSSI", {{0, 31}, {99, 99}}),
            optional(integer("BER", {{0, 7}, {99, 99}}), std::int64_t{0})},
           "what AT+CSQ answers (27.007 +CSQ; BER 0 when left out)",
           [](Modem& m, const Command& c) {
             m.model().set_signal(static_cast<int>(c.integer(0)), static_cast<int>(c.integer(1)));
             return fault_ok();
           }},
          {"register",
           "",
           {integer("STAT", {{0, 5}},
                    {{"none", 0},
                     {"notsearching", 0},
                     {"home", 1},
                     {"searching", 2},
                     {"denied", 3},
                     {"unknown", 4},
                     {"roaming", 5}})},
           "registration state (27.007 <stat>), with the URCs its modes ask for",
           [](Modem& m, const Command& c) {
             m.model().set_registration(c.as<models::RegStatus>(0));
             return fault_ok();
           }},
          {"link",
           "",
           {integer("ID", {{0, std::numeric_limits<int>::max()}}),
            choice<LinkFault>({{"close", LinkFault::Close},
                               {"reset", LinkFault::Reset},
                               {"blackhole", LinkFault::Blackhole}})},
           "the server closes / resets link ID (as the module numbers it), or its packets vanish",
           link},
          {"flow",
           "",
           {integer("ID", {{1, kUnbounded}}),
            choice<LinkFault>({{"close", LinkFault::Close},
                               {"reset", LinkFault::Reset},
                               {"blackhole", LinkFault::Blackhole}})},
           "the server closes / resets dial-up flow ID (`status`), or its NAT mapping vanishes",
           dialup_flow},
          {"net",
           "delay",
           {duration("MS", kShaping)},
           "every packet takes MS longer each way",
           [](Modem& m, const Command& c) {
             shaping(m).delay = c.duration(0);
             return fault_ok();
           }},
          {"net",
           "jitter",
           {duration("MS", kShaping)},
           "packet delays vary by up to MS",
           [](Modem& m, const Command& c) {
             shaping(m).jitter = c.duration(0);
             return fault_ok();
           }},
          {"net",
           "loss",
           {percentage("PCT")},
           "PCT % of packets are lost (TCP retransmits)",
           [](Modem& m, const Command& c) {
             shaping(m).loss = c.number(0) / 100.0;
             return fault_ok();
           }},
          {"net",
           "rate",
           {integer("BYTES_PER_S", {{0, kUnbounded}})},
           "each direction carries at most BYTES_PER_S (0 = unlimited)",
           [](Modem& m, const Command& c) {
             shaping(m).rate = static_cast<std::uint64_t>(c.integer(0));
             return fault_ok();
           }},
          {"net",
           "clear",
           {},
           "no delay, jitter, loss or rate limit",
           [](Modem& m, const Command&) {
             shaping(m) = net::Shaping{};
             return fault_ok();
           }},
          {"nat-idle",
           "",
           {duration("DURATION", kNatIdleRange),
            optional(choice<NatSide>({{"tcp", NatSide::Tcp}, {"udp", NatSide::Udp}}),
                     std::int64_t{0})},
           "carrier NAT idle timeout, also for open links (0 = never)",
           nat_idle},
          {"dns",
           "",
           {choice<bool>({{"fail", true}, {"ok", false}})},
           "every lookup fails / works again",
           [](Modem& m, const Command& c) {
             m.sockets().resolver().set_failing(c.as<bool>(0));
             return fault_ok();
           }},
          {"connect",
           "",
           {choice<net::ConnectFault>({{"refuse", net::ConnectFault::Refuse},
                                       {"timeout", net::ConnectFault::Timeout},
                                       {"ok", net::ConnectFault::None}})},
           "new connects are refused / never answered / work again",
           [](Modem& m, const Command& c) {
             m.sockets().conditions().connect_fault = c.as<net::ConnectFault>(0);
             return fault_ok();
           }},
          {"reset-after",
           "",
           {integer_or("BYTES", {{1, kUnbounded}}, {{"off", 0}})},
           "the peer resets each link once BYTES crossed it",
           [](Modem& m, const Command& c) {
             const auto bytes = static_cast<std::uint64_t>(c.integer(0));
             m.sockets().conditions().reset_after_bytes =
                 bytes == 0 ? std::nullopt : std::optional<std::uint64_t>(bytes);
             return fault_ok();
           }},
          {"serial",
           "garbage",
           {integer("N", {{1, 65536}})},
           "N random bytes to the host",
           serial_garbage},
          {"serial",
           "drop",
           {integer("N", {{1, 65536}})},
           "the next N bytes from the host are lost",
           [](Modem& m, const Command& c) {
             m.drop_input(static_cast<std::size_t>(c.integer(0)));
             return fault_ok();
           }},
          {"reboot",
           "",
           {},
           "the module restarts (the pty stays)",
           [](Modem& m, const Command&) {
             m.model().request_reboot();
             return fault_ok();
           }},
          {"sms",
           "deliver",
           {word("FROM"), rest("TEXT"), flag("--pdu", hex("HEX"))},
           "an SMS from FROM arrives (--pdu: this SMS-DELIVER, SCA field + TPDU, instead)",
           sms_deliver},
          {"sms",
           "fail",
           {integer("CAUSE", {{300, 500}},
                    {{"rejected", 500}, {"timeout", 332}, {"no-service", 331}})},
           "the next SMS sent fails with +CMS ERROR: CAUSE (rejected 500, timeout 332, no-service "
           "331)",
           sms_fail},
          {"sms", "list", {}, "the messages the service centre kept, as JSON", sms_list},
          {"clock",
           "set",
           {word("ISO8601|TZ")},
           "network time (2024-07-23T16:35:01+08:00) or zone (+32 quarter hours), sent as NITZ",
           clock_set},
          {"battery",
           "",
           {integer("MV", {{0, 5000}}), optional(integer("PCT", {{0, 100}}))},
           "the supply AT+CBC reports: MV millivolts (and PCT % where the form shows one)",
           [](Modem& m, const Command& c) {
             m.model().supply().millivolts = static_cast<int>(c.integer(0));
             if (c.has(1)) m.model().supply().percent = static_cast<int>(c.integer(1));
             return fault_ok();
           }},
          {"power",
           "",
           {choice<bool>({{"on", true}, {"off", false}})},
           "the power key: off silences the module (as AT+CPOWD=0), on boots it again",
           [](Modem& m, const Command& c) {
             if (c.as<bool>(0)) {
               m.model().power_on();
             } else {
               m.model().power_down();
             }
             return fault_ok();
           }},
          {"dtr",
           "",
           {choice<bool>({{"on", true}, {"off", false}, {"low", true}, {"high", false}})},
           "the host's DTR line (a pty has none; low = on, high = off): off ends (AT&D2) or holds "
           "(AT&D1) a data call; with AT+CSCLK=1 off lets the module sleep, on wakes it",
           dtr},
          {"urc",
           "",
           {word("TEXT")},
           "an arbitrary unsolicited line",
           [](Modem& m, const Command& c) {
             m.model().urc(c.text(0));
             return fault_ok();
           }},
          {"urc-timing",
           "",
           {choice<at::UrcTiming>({{"held", at::UrcTiming::Held},
                                   {"immediate", at::UrcTiming::Immediate},
                                   {"race", at::UrcTiming::Race}})},
           "when URCs reach the host (as --urc-timing): held, immediate, or race at the worst "
           "moments",
           [](Modem& m, const Command& c) {
             m.model().at().responder().set_urc_timing(c.as<at::UrcTiming>(0));
             return fault_ok();
           }},
      };
  return kVerbs;
}

}  // namespace

FaultVerbs fault_verbs() {
  return table();
}

}  // namespace cellemu::control
