// The MQTT client's session commands (app-protocols.md §3.4.1-§3.4.3, §3.4.11, §3.4.12):
// +MCONFIG +MIPSTART +SSLMIPSTART +MCONNECT +MDISCONNECT +MIPCLOSE +MQTTSTATU.
#include <fmt/format.h>

#include "models/air780ep/air780ep_commands.h"
#include "models/air780ep/mqtt_payload.h"

namespace cellemu::models::air780ep {
namespace mqtt_commands_detail {

using at::CommandContext;
using at::Final;
using at::Outcome;
using net::mqtt::StartResult;

// Every MQTT command answers a form it does not have with a plain ERROR (the parser's answer;
// LM documents none of them, e.g. "AT+MCONFIG?").
const at::AbsentForms kMqttAbsent = at::AbsentForms::all(Final::error());

Final invalid_input() {
  return Final::cme(kInvalidInput);
}

// AT+MCONFIG=<clientid>[,<username>,<password>[,<will_qos>,<will_retain>,"<will_topic>",
// "<will_message>"]] -> OK in every state; the values serve the next MCONNECT.
// 1, 3 or 7 parameters; a will topic or message not in quotes -> ERROR (LM "需用""括住"); a
// value out of range or too long -> Error 765 (OQ-A3). The will message takes the escapes of
// §3.4.7; "" credentials are not sent (OQ-A13).
Outcome mconfig(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args) return Final::error();
  const std::size_t n = args->size();
  if (n != 1 && n != 3 && n != 7) return invalid_input();
  net::mqtt::SessionOptions options{std::string(args->text(0))};
  if (n >= 3) {
    options.username = std::string(args->text(1));
    options.password = std::string(args->text(2));
  }
  if (n == 7) {
    if (!args->quoted(5) || !args->quoted(6)) return Final::error();
    const auto qos = args->int_in(3, 0, 2);
    const auto retain = args->int_in(4, 0, 1);
    if (!qos || !retain) return invalid_input();
    options.will = net::mqtt::Will{std::string(args->text(5)), decode_mqtt_escapes(args->text(6)),
                                   static_cast<net::mqtt::QoS>(*qos), *retain == 1};
  }
  if (auto refusal = m.mqtt().client().configure(std::move(options))) {
    return mqtt_refused(*refusal);
  }
  return Final::ok();
}

// AT+MIPSTART=<svraddr>,<port> | AT+SSLMIPSTART=<svraddr>,<port> (quotes optional)
// -> OK, then CONNECT OK / STATE: <s> + CONNECT FAIL (multi link: 7, CONNECT OK / 7, CONNECT
// FAIL); while a session exists OK then ALREADY CONNECT, the session untouched (OQ-A7).
// A third parameter (the "MQTT version" of clone modules) is Error 765 (OQ-A34).
Outcome start(Air780epModel& m, CommandContext& ctx, bool tls) {
  const auto& args = ctx.args();
  if (!args) return Final::error();
  if (args->size() != 2) return invalid_input();
  const std::string host(args->text(0));
  const auto port = args->int_in(1, 1, 65535);
  if (!port) return invalid_input();
  switch (m.mqtt().start(host, static_cast<std::uint16_t>(*port), tls)) {
    case StartResult::Started:
      return Final::ok();
    case StartResult::AlreadyConnected:
      m.urc("ALREADY CONNECT");  // held until the OK is out
      return Final::ok();
    case StartResult::InvalidArgument:
      break;
  }
  return invalid_input();
}

Outcome mipstart(Air780epModel& m, CommandContext& ctx) {
  return start(m, ctx, false);
}

// SSL context 88 (LM SSLCFG.md); without AT+SSLCFG it does not verify the server (LMX).
Outcome sslmipstart(Air780epModel& m, CommandContext& ctx) {
  return start(m, ctx, true);
}

// AT+MCONNECT=<clean_session>,<keepalive>[,<mode>] -> OK, then CONNACK OK, or ERROR + CLOSED
// when the broker refuses or stays silent (OQ-A10). clean 0/1, keepalive 1-65535 s, mode 0/1
// accepted and ignored (OQ-A20); values are checked before the state (Error 765, then 767).
Outcome mconnect(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args) return Final::error();
  if (args->size() != 2 && args->size() != 3) return invalid_input();
  const auto clean = args->int_in(0, 0, 1);
  const auto keepalive = args->int_in(1, 1, 65535);
  if (!clean || !keepalive || (args->size() == 3 && !args->int_in(2, 0, 1))) {
    return invalid_input();
  }
  if (auto refusal =
          m.mqtt().client().connect(*clean == 1, static_cast<std::uint32_t>(*keepalive))) {
    return mqtt_refused(*refusal);
  }
  return Final::ok();
}

// AT+MDISCONNECT -> DISCONNECT sent, OK; the broker's close that follows is not reported
// (OQ-A6). Not CONNECTED: Error 767.
Outcome mdisconnect(Air780epModel& m, CommandContext&) {
  if (auto refusal = m.mqtt().client().disconnect()) return mqtt_refused(*refusal);
  return Final::ok();
}

// AT+MIPCLOSE -> the socket closed without DISCONNECT (the broker publishes a will, LFQ 12), OK.
// IDLE, or after CLOSED was reported: Error 767 (LTM); after a silent PDN loss: OK (LTM).
Outcome mipclose(Air780epModel& m, CommandContext&) {
  if (auto refusal = m.mqtt().client().close()) return mqtt_refused(*refusal);
  return Final::ok();
}

// AT+MQTTSTATU -> +MQTTSTATU :<state> (the space before the colon: LM, A7); 0 offline, 1
// connected, 2 TCP up without MQTT CONNECT (OQ-A16). Never an error.
Outcome mqttstatu(Air780epModel& m, CommandContext& ctx) {
  ctx.info(fmt::format("+MQTTSTATU :{}", m.mqtt().client().status()));
  return Final::ok();
}

}  // namespace mqtt_commands_detail

void add_mqtt_commands(at::CommandTable<Air780epModel>& t) {
  namespace d = mqtt_commands_detail;
  // Test texts: LM's, with the OQ-R7 space after the colon.
  t.add("+MCONFIG",
        {.test = "+MCONFIG: <clientid>[,<username>,<password>[,(0-2),(0,1),<will_topic>,"
                 "<will_message>]]",
         .set = d::mconfig,
         .absent = d::kMqttAbsent});
  const std::string address = R"x("(0,255).(0,255).(0,255).(0,255)",(1-65535))x";
  const std::string domain = R"x("DOMAIN NAME",(1-65535))x";
  t.add("+MIPSTART", {.test = "+MIPSTART: " + address + "\r\n+MIPSTART: " + domain,
                      .set = d::mipstart,
                      .absent = d::kMqttAbsent});
  t.add("+SSLMIPSTART", {.test = "+SSLMIPSTART: " + address + "\r\n+SSLMIPSTART: " + domain,
                         .set = d::sslmipstart,
                         .absent = d::kMqttAbsent});
  t.add("+MCONNECT",
        {.test = "+MCONNECT: (0-1),(1-65535)", .set = d::mconnect, .absent = d::kMqttAbsent});
  t.add("+MDISCONNECT", {.exec = d::mdisconnect, .absent = d::kMqttAbsent});
  t.add("+MIPCLOSE", {.exec = d::mipclose, .absent = d::kMqttAbsent});
  t.add("+MQTTSTATU", {.exec = d::mqttstatu, .absent = d::kMqttAbsent});
}

}  // namespace cellemu::models::air780ep
