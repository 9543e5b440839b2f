// The MQTT client's message commands (app-protocols.md §3.4.4-§3.4.10): +MSUB +MUNSUB +MPUB
// +MPUBEX +MQTTMODE +MQTTMSGSET +MQTTMSGGET.
#include <fmt/format.h>

#include "models/air780ep/air780ep_commands.h"
#include "models/air780ep/mqtt_payload.h"
#include "net/mqtt/topic.h"

namespace cellemu::models::air780ep {
namespace mqtt_message_commands_detail {

using at::CommandContext;
using at::Final;
using at::Outcome;
using at::WindowEnd;
using net::mqtt::QoS;

const at::AbsentForms kMessageAbsent = at::AbsentForms::all(Final::error());

// LM MPUBEX.md / LRN724: a window without a length ends after 5 s without a byte.
constexpr auto kMpubexIdle = std::chrono::seconds(5);

Final invalid_value() {
  return Final::cme(kInvalidInput);
}

Outcome answer(const net::mqtt::Sent& sent) {
  return sent ? Final::ok() : mqtt_refused(*sent.refusal);
}

// AT+MSUB=<topic>,<qos> -> OK, then SUBACK (whatever its return code, OQ-A19). Topic quotes
// optional, <= 256 bytes, wildcards passed through; qos 0-2.
Outcome msub(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args) return Final::error();
  const auto qos = args->size() == 2 ? args->int_in(1, 0, 2) : std::nullopt;
  if (!qos) return invalid_value();
  return answer(m.mqtt().client().subscribe(std::string(args->text(0)), static_cast<QoS>(*qos)));
}

// AT+MUNSUB=<topic> -> OK, then UNSUBACK.
Outcome munsub(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args) return Final::error();
  if (args->size() != 1) return invalid_value();
  return answer(m.mqtt().client().unsubscribe(std::string(args->text(0))));
}

// AT+MPUB=<topic>,<qos>,<retain>,"<message>" -> OK (QoS 0), + PUBACK (1), + PUBREC, PUBCOMP (2).
// The message must be quoted (else ERROR, YE); MQTTMODE 0 decodes the escapes of §3.4.7,
// MQTTMODE 1 hex pairs (odd or not hex: Error 765); decoded <= 4100 bytes (OQ-A4).
Outcome mpub(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args) return Final::error();
  if (args->size() != 4) return invalid_value();
  if (!args->quoted(3)) return Final::error();
  const auto qos = args->int_in(1, 0, 2);
  const auto retain = args->int_in(2, 0, 1);
  if (!qos || !retain) return invalid_value();
  std::optional<std::string> message;
  if (m.mqtt().publish_mode == 1) {
    message = decode_mqtt_hex(args->text(3));
  } else {
    message = decode_mqtt_escapes(args->text(3));
  }
  if (!message) return invalid_value();
  return answer(m.mqtt().client().publish(std::string(args->text(0)), std::move(*message),
                                          static_cast<QoS>(*qos), *retain == 1));
}

struct PublishTarget {
  std::string topic;
  QoS qos = QoS::AtMostOnce;
  bool retain = false;
};

// The window closed: the bytes published as they are (MQTTMODE does not apply, OQ-A11). An
// empty window ended by Ctrl-Z publishes nothing (§3.4.6).
Outcome mpubex_done(Air780epModel& m, const at::Deferred& d, const PublishTarget& target,
                    WindowEnd end, std::string data) {
  m.mqtt().window_timer().cancel();
  if (data.empty() && end != WindowEnd::Length) {
    d.finish(Final::ok());
    return Outcome::pending();
  }
  const auto sent =
      m.mqtt().client().publish(target.topic, std::move(data), target.qos, target.retain);
  d.finish(sent ? Final::ok() : mqtt_refused(*sent.refusal));
  return Outcome::pending();
}

// AT+MPUBEX=<topic>,<qos>,<retain>[,<len>] -> "\r\n> " (OQ-A5), then the data: exactly <len>
// bytes (1-4100, every value is data), or up to Ctrl-Z / 5 s without a byte, the first 4100
// kept (OQ-A4); ESC is data. Echoed under E1. Errors come before any prompt.
Outcome mpubex(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args) return Final::error();
  if (args->size() != 3 && args->size() != 4) return invalid_value();
  const auto qos = args->int_in(1, 0, 2);
  const auto retain = args->int_in(2, 0, 1);
  const auto max = static_cast<std::size_t>(m.profile().mqtt_payload_max);
  const auto len = args->has(3) ? args->int_in(3, 1, static_cast<std::int64_t>(max)) : std::nullopt;
  PublishTarget target{std::string(args->text(0)), static_cast<QoS>(qos.value_or(0)),
                       retain.value_or(0) == 1};
  if (!qos || !retain || (args->size() == 4 && !len) || target.topic.size() > 256 ||
      !net::mqtt::valid_topic_name(target.topic)) {
    return invalid_value();
  }
  if (m.mqtt().client().state() != net::mqtt::State::Connected) return Final::cme(kOperationFailed);
  const at::Deferred d = ctx.defer();
  ctx.prompt("\r\n> ");
  at::WindowSpec spec{.max_store = max, .echo = m.settings().echo, .escape_cancels = false};
  if (len) {
    spec.length = static_cast<std::size_t>(*len);
  } else {
    auto idle = [&m] { m.mqtt().window_timer().start(kMpubexIdle, [&m] { m.at().end_window(); }); };
    idle();
    spec.on_bytes = idle;
  }
  return ctx.open_window(spec, [&m, d, target](WindowEnd end, std::string data) {
    return mpubex_done(m, d, target, end, std::move(data));
  });
}

// AT+MQTTMODE=<0|1> -> OK; ? -> +MQTTMODE: <n>.
Outcome mqttmode_set(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args) return Final::error();
  const auto mode = args->size() == 1 ? args->int_in(0, 0, 1) : std::nullopt;
  if (!mode) return invalid_value();
  m.mqtt().publish_mode = *mode;
  return Final::ok();
}

Outcome mqttmode_read(Air780epModel& m, CommandContext& ctx) {
  ctx.info(fmt::format("+MQTTMODE: {}", m.mqtt().publish_mode));
  return Final::ok();
}

// AT+MQTTMSGSET=<0|1> -> OK (0 direct +MSUB URCs, 1 the cache); ? -> +MQTTMSGSET: <n>.
Outcome mqttmsgset_set(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args) return Final::error();
  const auto mode = args->size() == 1 ? args->int_in(0, 0, 1) : std::nullopt;
  if (!mode) return invalid_value();
  m.mqtt().client().set_receive_mode(*mode == 1 ? net::mqtt::ReceiveMode::Cached
                                                : net::mqtt::ReceiveMode::Direct);
  return Final::ok();
}

Outcome mqttmsgset_read(Air780epModel& m, CommandContext& ctx) {
  const bool cached = m.mqtt().client().receive_mode() == net::mqtt::ReceiveMode::Cached;
  ctx.info(fmt::format("+MQTTMSGSET: {}", cached ? 1 : 0));
  return Final::ok();
}

// AT+MQTTMSGGET -> every cached message, oldest first, as the direct URC prints it (OQ-A2),
// then an empty line and OK; the slots are free afterwards. Nothing cached: OK alone.
Outcome mqttmsgget(Air780epModel& m, CommandContext& ctx) {
  const auto messages = m.mqtt().client().cache().take_all();
  if (messages.empty()) return Final::ok();
  std::string text;
  for (const auto& message : messages) {
    if (!text.empty()) text += "\r\n";
    text += fmt::format("+MSUB: \"{}\",{} byte,", message.topic, message.payload.size());
    text += message.payload;
  }
  ctx.info(text);
  return Final::ok();
}

// AT+MQTTMSGGET? -> +MQTTMSGGET: <slot>,VALID|INVALID for the 4 slots (LTM).
Outcome mqttmsgget_read(Air780epModel& m, CommandContext& ctx) {
  std::vector<std::string> lines;
  const auto used = m.mqtt().client().cache().occupied();
  for (std::size_t i = 0; i < used.size(); ++i) {
    lines.push_back(fmt::format("+MQTTMSGGET: {},{}", i, used[i] ? "VALID" : "INVALID"));
  }
  ctx.info_lines(lines);
  return Final::ok();
}

}  // namespace mqtt_message_commands_detail

void add_mqtt_message_commands(at::CommandTable<Air780epModel>& t) {
  namespace d = mqtt_message_commands_detail;
  // Test texts: LM's, with the OQ-R7 space after the colon.
  t.add("+MSUB", {.test = "+MSUB: <topic>,(0-2)", .set = d::msub, .absent = d::kMessageAbsent});
  t.add("+MUNSUB", {.test = "+MUNSUB: <topic>", .set = d::munsub, .absent = d::kMessageAbsent});
  t.add("+MPUB", {.test = "+MPUB: <topic>,(0-2),(0-1),<message>",
                  .set = d::mpub,
                  .absent = d::kMessageAbsent});
  t.add("+MPUBEX", {.test = "+MPUBEX: <topic>,(0-2),(0-1),<len>",
                    .set = d::mpubex,
                    .absent = d::kMessageAbsent});
  t.add("+MQTTMODE", {.test = "+MQTTMODE: (0,1)",
                      .read = d::mqttmode_read,
                      .set = d::mqttmode_set,
                      .absent = d::kMessageAbsent});
  t.add("+MQTTMSGSET", {.test = "+MQTTMSGSET: (0,1)",
                        .read = d::mqttmsgset_read,
                        .set = d::mqttmsgset_set,
                        .absent = d::kMessageAbsent});
  // AT+MQTTMSGGET=<n> (clone modules) -> Error 765.
  t.add("+MQTTMSGGET", {.read = d::mqttmsgget_read,
                        .exec = d::mqttmsgget,
                        .absent = at::AbsentForms{.read = at::Final::error(),
                                                  .set = at::Final::cme(kInvalidInput),
                                                  .exec = at::Final::error()}});
}

}  // namespace cellemu::models::air780ep
