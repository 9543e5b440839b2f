#include "emulator/replay/session_report.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "emulator/at/v250_parser.h"

namespace cellemu::replay {

namespace {
double seconds(core::Duration d) {
  return std::chrono::duration<double>(d).count();
}

// Errors by what the module means, whatever CMEE made of them on the wire.
std::string error_key(const at::Final& f) {
  if (f.kind() == at::Final::Kind::Cme) {
    return fmt::format("+CME ERROR: {}", static_cast<int>(f.cme_error()));
  }
  if (f.kind() == at::Final::Kind::Cms) return fmt::format("+CMS ERROR: {}", f.cms_error());
  return "ERROR";
}

// A host may send any number of different command names and a broker any number of topics: past
// this many distinct keys, new ones are counted together under "(other)".
constexpr std::size_t kMaxReportKeys = 256;

template <typename Map>
typename Map::mapped_type& report_entry(Map& map, std::string key) {
  if (map.size() >= kMaxReportKeys && !map.contains(key)) key = "(other)";
  return map[std::move(key)];
}

// A quoted first parameter names the URC's kind when it is a short keyword ("recv", "closed"),
// not when it is data (an MQTT topic, a phone number).
bool keyword(std::string_view word) {
  return !word.empty() && word.size() <= 16 && std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || c == '_';
  });
}
}  // namespace

SessionReport::SessionReport(session::ModemSession& modem, core::TimerService& timers)
    : modem_(&modem),
      timers_(timers),
      name_(modem.name()),
      model_(modem.model().model_name()),
      started_(timers.now()),
      state_since_(timers.now()),
      journal_(modem.sockets().journal()) {
  modem.at().add_result_observer(
      [this, alive = alive_](const at::AtCommand& c, const at::Final& f) {
        if (*alive) on_result(c, f);
      });
  modem.at().add_line_observer([this, alive = alive_](std::string_view body) {
    if (*alive && !at::parse_command_line(body)) ++malformed_lines_;
  });
  modem.at().responder().add_urc_observer([this, alive = alive_](std::string_view bytes) {
    if (*alive) on_urc(bytes);
  });
  state_ = modem.model().ip_state();
}

std::string SessionReport::command_key(const at::AtCommand& cmd) {
  switch (cmd.kind) {
    case at::CommandKind::Exec:
      return cmd.name;
    case at::CommandKind::Set:
      return cmd.name + "=";
    case at::CommandKind::Read:
      return cmd.name + "?";
    case at::CommandKind::Test:
      return cmd.name + "=?";
  }
  return cmd.name;
}

std::string SessionReport::urc_key(std::string_view urc) {
  while (!urc.empty() && (urc.front() == '\r' || urc.front() == '\n')) urc.remove_prefix(1);
  const std::string_view line = urc.substr(0, urc.find_first_of("\r\n"));
  if (line.empty()) return "(data)";
  std::size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
  if (digits > 0 && line.substr(digits).starts_with(", ")) {
    return "<n>, " + std::string(line.substr(digits + 2));
  }
  if (line[0] == '+' || line[0] == '^') {
    const auto end = line.find_first_of(":,");
    std::string key(line.substr(0, end));
    if (end != std::string_view::npos && line.substr(end).starts_with(": \"")) {
      const auto close = line.find('"', end + 3);
      const std::string_view kind = close == std::string_view::npos
                                        ? std::string_view()
                                        : line.substr(end + 3, close - end - 3);
      if (keyword(kind)) key += " \"" + std::string(kind) + "\"";
    }
    return key;
  }
  const bool word = std::all_of(line.begin(), line.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == ' ' || c == ':' || c == '.' ||
           c == '_';
  });
  if (!word) return "(data)";
  return std::string(line.substr(0, line.find(':')));
}

void SessionReport::on_result(const at::AtCommand& cmd, const at::Final& result) {
  auto& stats = report_entry(commands_, command_key(cmd));
  ++stats.count;
  if (result.is_error()) ++report_entry(stats.errors, error_key(result));
  sample_state();
}

void SessionReport::on_urc(std::string_view bytes) {
  ++report_entry(urcs_, urc_key(bytes));
  sample_state();
}

void SessionReport::sample_state() {
  const std::string now_state = modem_->model().ip_state();
  if (now_state == state_) return;
  const core::TimePoint now = timers_.now();
  if (!state_.empty()) state_time_[state_] += now - state_since_;
  state_ = now_state;
  state_since_ = now;
}

void SessionReport::finish() {
  if (finished_) return;
  finished_ = true;
  ended_ = timers_.now();
  if (!state_.empty()) state_time_[state_] += ended_ - state_since_;
  live_links_ = modem_->model().link_status();
  *alive_ = false;
  modem_ = nullptr;
}

nlohmann::json SessionReport::to_json() const {
  using nlohmann::json;
  json commands = json::object();
  for (const auto& [key, stats] : commands_) {
    commands[key] = {{"count", stats.count}, {"errors", stats.errors}};
  }
  json states = json::object();
  for (const auto& [state, time] : state_time_) states[state] = seconds(time);
  json peers = json::array();
  for (const auto& [peer, t] : journal_->totals()) {
    peers.push_back(
        {{"peer", peer}, {"links", t.links}, {"sent", t.sent}, {"received", t.received}});
  }
  json live = json::array();
  for (const auto& l : live_links_) {
    live.push_back({{"id", l.id},
                    {"protocol", l.protocol},
                    {"remote", l.remote},
                    {"state", l.state},
                    {"sent", l.sent},
                    {"received", l.received}});
  }
  return {{"modem", name_},
          {"model", model_},
          {"duration_s", seconds((finished_ ? ended_ : timers_.now()) - started_)},
          {"commands", commands},
          {"malformed_lines", malformed_lines_},
          {"urcs", urcs_},
          {"ip_states_s", states},
          {"links_at_exit", live},
          {"peers", peers}};
}

std::string SessionReport::to_text() const {
  std::string out = fmt::format("{} ({}), {:.1f} s\n", name_, model_,
                                seconds((finished_ ? ended_ : timers_.now()) - started_));
  out += "  commands:\n";
  for (const auto& [key, stats] : commands_) {
    std::string errors;
    for (const auto& [e, n] : stats.errors)
      errors += fmt::format("{}{} x{}", errors.empty() ? "" : ", ", e, n);
    out += fmt::format("    {:<20} {:>6}{}\n", key, stats.count,
                       errors.empty() ? "" : "   errors: " + errors);
  }
  if (malformed_lines_) out += fmt::format("    (malformed lines)    {:>6}\n", malformed_lines_);
  out += "  URCs:\n";
  for (const auto& [key, n] : urcs_) out += fmt::format("    {:<20} {:>6}\n", key, n);
  if (!state_time_.empty()) {
    out += "  time in IP state:\n";
    for (const auto& [s, t] : state_time_)
      out += fmt::format("    {:<20} {:>9.1f} s\n", s, seconds(t));
  }
  out += "  traffic per peer (up / down bytes):\n";
  for (const auto& [peer, t] : journal_->totals()) {
    out += fmt::format("    {:<32} {} link{}, {} / {}\n", peer, t.links, t.links == 1 ? "" : "s",
                       t.sent, t.received);
  }
  return out;
}

}  // namespace cellemu::replay
