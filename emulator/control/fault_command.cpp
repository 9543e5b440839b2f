#include "emulator/control/fault_command.h"

#include <charconv>
#include <cmath>

namespace cellemu::control {
namespace {
using Verb = FaultCommand::Verb;

std::optional<std::int64_t> integer(const std::string& s) {
  std::int64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> real(const std::string& s) {
  try {
    std::size_t used = 0;
    const double v = std::stod(s, &used);
    if (used != s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
  } catch (...) {
    return std::nullopt;
  }
}

// 27.007 <stat> by number or name.
std::optional<std::int64_t> registration(const std::string& s) {
  static const std::pair<const char*, int> kNames[] = {
      {"none", 0},   {"notsearching", 0}, {"home", 1},   {"searching", 2},
      {"denied", 3}, {"unknown", 4},      {"roaming", 5}};
  for (const auto& [name, value] : kNames) {
    if (s == name) return value;
  }
  auto n = integer(s);
  if (n && *n >= 0 && *n <= 5) return n;
  return std::nullopt;
}

bool need(const std::vector<std::string>& w, std::size_t n, const char* usage, std::string& error) {
  if (w.size() == n) return true;
  error = std::string("usage: ") + usage;
  return false;
}

std::optional<FaultCommand> parse_net(const std::vector<std::string>& w, FaultCommand c,
                                      std::string& error) {
  const char* usage =
      "net delay MS | net jitter MS | net loss PCT | net rate BYTES_PER_S | net clear";
  if (w.size() == 2 && w[1] == "clear") {
    c.action = "clear";
    return c;
  }
  if (!need(w, 3, usage, error)) return std::nullopt;
  c.action = w[1];
  if (c.action == "delay" || c.action == "jitter") {
    auto d = parse_duration(w[2], std::chrono::milliseconds(1));
    if (!d) {
      error = "net " + c.action + ": '" + w[2] + "' is not a duration (e.g. 200 or 200ms)";
      return std::nullopt;
    }
    c.duration = *d;
    return c;
  }
  if (c.action == "loss") {
    auto v = real(w[2]);
    if (!v || *v < 0 || *v > 100) {
      error = "net loss: '" + w[2] + "' is not a percentage 0-100";
      return std::nullopt;
    }
    c.value = *v;
    return c;
  }
  if (c.action == "rate") {
    auto v = integer(w[2]);
    if (!v || *v < 0) {
      error = "net rate: '" + w[2] + "' is not a byte rate (0 = unlimited)";
      return std::nullopt;
    }
    c.number = *v;
    return c;
  }
  error = std::string("unknown net setting '") + c.action + "'; " + usage;
  return std::nullopt;
}

std::optional<FaultCommand> parse_choice(const std::vector<std::string>& w, FaultCommand c,
                                         std::initializer_list<const char*> choices,
                                         const char* usage, std::string& error) {
  if (!need(w, 2, usage, error)) return std::nullopt;
  for (const char* choice : choices) {
    if (w[1] == choice) {
      c.action = w[1];
      return c;
    }
  }
  error = std::string("usage: ") + usage;
  return std::nullopt;
}

}  // namespace

std::vector<std::string> split_words(std::string_view line) {
  std::vector<std::string> words;
  std::string current;
  bool quoted = false;
  bool have = false;
  for (const char c : line) {
    if (c == '"') {
      quoted = !quoted;
      have = true;
    } else if (c == ' ' && !quoted) {
      if (have) words.push_back(current);
      current.clear();
      have = false;
    } else {
      current += c;
      have = true;
    }
  }
  if (have) words.push_back(current);
  return words;
}

std::optional<core::Duration> parse_duration(std::string_view text, core::Duration bare_unit) {
  std::string s(text);
  double scale_ns = static_cast<double>(bare_unit.count());
  auto suffix = [&](std::string_view unit, double ns) {
    if (s.size() > unit.size() && s.ends_with(unit)) {
      s.resize(s.size() - unit.size());
      scale_ns = ns;
      return true;
    }
    return false;
  };
  suffix("ms", 1e6) || suffix("s", 1e9) || suffix("m", 60e9) || suffix("h", 3600e9);
  auto v = real(s);
  if (!v || *v < 0) return std::nullopt;
  return core::Duration(static_cast<core::Duration::rep>(*v * scale_ns));
}

std::optional<FaultCommand> parse_fault(std::string_view line, std::string& error) {
  return parse_fault(split_words(line), error);
}

std::optional<FaultCommand> parse_fault(const std::vector<std::string>& w, std::string& error) {
  if (w.empty()) {
    error = "empty command; try: status, pdp-deact, link 0 reset, net delay 200";
    return std::nullopt;
  }
  FaultCommand c;
  for (const auto& word : w) c.source += (c.source.empty() ? "" : " ") + word;
  const std::string& verb = w[0];
  if (verb == "status" && need(w, 1, "status", error)) return c;
  if (verb == "pdp-deact" && need(w, 1, "pdp-deact", error)) {
    c.verb = Verb::PdpDeact;
    return c;
  }
  if (verb == "reboot" && need(w, 1, "reboot", error)) {
    c.verb = Verb::Reboot;
    return c;
  }
  if (verb == "sim") {
    c.verb = Verb::Sim;
    return parse_choice(w, c, {"remove", "insert"}, "sim remove|insert", error);
  }
  if (verb == "dns") {
    c.verb = Verb::Dns;
    return parse_choice(w, c, {"fail", "ok"}, "dns fail|ok", error);
  }
  if (verb == "connect") {
    c.verb = Verb::Connect;
    return parse_choice(w, c, {"refuse", "timeout", "ok"}, "connect refuse|timeout|ok", error);
  }
  if (verb == "signal") {
    c.verb = Verb::Signal;
    auto rssi = w.size() >= 2 ? integer(w[1]) : std::nullopt;
    auto ber = w.size() >= 3 ? integer(w[2]) : std::optional<std::int64_t>(0);
    if (w.size() < 2 || w.size() > 3 || !rssi || !ber ||
        !((*rssi >= 0 && *rssi <= 31) || *rssi == 99) ||
        !((*ber >= 0 && *ber <= 7) || *ber == 99)) {
      error = "usage: signal RSSI [BER] with RSSI 0-31 or 99, BER 0-7 or 99 (27.007 +CSQ)";
      return std::nullopt;
    }
    c.number = *rssi;
    c.second = *ber;
    return c;
  }
  if (verb == "register") {
    c.verb = Verb::Register;
    auto stat = w.size() == 2 ? registration(w[1]) : std::nullopt;
    if (!stat) {
      error =
          "usage: register STAT with STAT 0-5 or home, roaming, searching, denied, none, "
          "unknown";
      return std::nullopt;
    }
    c.number = *stat;
    return c;
  }
  if (verb == "link") {
    c.verb = Verb::Link;
    auto id = w.size() == 3 ? integer(w[1]) : std::nullopt;
    if (!id || *id < 0 || (w[2] != "close" && w[2] != "reset" && w[2] != "blackhole")) {
      error = "usage: link ID close|reset|blackhole (ID as the module numbers its links)";
      return std::nullopt;
    }
    c.number = *id;
    c.action = w[2];
    return c;
  }
  if (verb == "net") {
    c.verb = Verb::Net;
    return parse_net(w, c, error);
  }
  if (verb == "nat-idle") {
    c.verb = Verb::NatIdle;
    auto d = w.size() >= 2 ? parse_duration(w[1]) : std::nullopt;
    const bool proto_ok = w.size() == 2 || (w.size() == 3 && (w[2] == "tcp" || w[2] == "udp"));
    if (!d || !proto_ok) {
      error = "usage: nat-idle DURATION [tcp|udp], e.g. nat-idle 10m (0 = never drop)";
      return std::nullopt;
    }
    c.duration = *d;
    c.action = w.size() == 3 ? w[2] : "both";
    return c;
  }
  if (verb == "reset-after") {
    c.verb = Verb::ResetAfter;
    if (w.size() == 2 && w[1] == "off") {
      c.action = "off";
      return c;
    }
    const auto n = w.size() == 2 ? integer(w[1]) : std::nullopt;
    if (!n || *n <= 0) {
      error = "usage: reset-after BYTES|off";
      return std::nullopt;
    }
    c.action = "on";
    c.number = *n;
    return c;
  }
  if (verb == "serial") {
    c.verb = Verb::Serial;
    auto n = w.size() == 3 ? integer(w[2]) : std::nullopt;
    if (!n || *n <= 0 || *n > 65536 || (w[1] != "garbage" && w[1] != "drop")) {
      error = "usage: serial garbage N | serial drop N (N bytes, 1-65536)";
      return std::nullopt;
    }
    c.action = w[1];
    c.number = *n;
    return c;
  }
  if (verb == "urc") {
    c.verb = Verb::Urc;
    if (w.size() != 2 || w[1].empty() || w[1].find_first_of("\r\n") != std::string::npos) {
      error = "usage: urc TEXT (one line, quoted if it has spaces)";
      return std::nullopt;
    }
    c.text = w[1];
    return c;
  }
  if (error.empty()) {
    error = "unknown verb '" + verb +
            "'; verbs: status, pdp-deact, reboot, sim, signal, register, link, net, nat-idle, "
            "dns, connect, reset-after, serial, urc";
  }
  return std::nullopt;
}

}  // namespace cellemu::control
