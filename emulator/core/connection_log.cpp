#include "emulator/core/connection_log.h"
#include "emulator/core/bytes.h"

#include <fmt/format.h>

#include "emulator/core/logging.h"

namespace cellemu::core {
namespace {

bool needs_quotes(std::string_view v) {
  if (v.empty()) return true;
  for (char ch : v) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f || c == '"' || c == '=' || c == '\\') return true;
  }
  return false;
}

void append_field(std::string& out, std::string_view key, std::string_view value) {
  if (!out.empty()) out += ' ';
  out.append(key);
  out += '=';
  if (!needs_quotes(value)) {
    out.append(value);
    return;
  }
  out += '"';
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02X}", c);
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

// Reads a quoted value starting after the opening quote; advances `i` past the closing quote.
bool read_quoted(std::string_view text, std::size_t& i, std::string& value) {
  while (i < text.size()) {
    const char c = text[i++];
    if (c == '"') return true;
    if (c != '\\') {
      value += c;
      continue;
    }
    if (i >= text.size()) return false;
    const char e = text[i++];
    switch (e) {
      case 'r':
        value += '\r';
        break;
      case 'n':
        value += '\n';
        break;
      case 't':
        value += '\t';
        break;
      case 'x': {
        if (i + 2 > text.size()) return false;
        const int hi = core::hex_digit_value(text[i]);
        const int lo = core::hex_digit_value(text[i + 1]);
        if (hi < 0 || lo < 0) return false;
        value += static_cast<char>(hi * 16 + lo);
        i += 2;
        break;
      }
      default:
        value += e;
    }
  }
  return false;
}

}  // namespace

std::string to_logfmt(const ConnectionEvent& e) {
  std::string out;
  append_field(out, "modem", e.modem);
  append_field(out, "link", std::to_string(e.link));
  if (!e.protocol.empty()) append_field(out, "proto", e.protocol);
  append_field(out, "peer", e.peer);
  append_field(out, "event", e.event);
  append_field(out, "result", e.result);
  if (!e.detail.empty()) append_field(out, "detail", e.detail);
  return out;
}

bool parse_logfmt(std::string_view text, std::vector<std::pair<std::string, std::string>>& out) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t eq = text.find('=', i);
    if (eq == std::string_view::npos || eq == i) return false;
    std::string key(text.substr(i, eq - i));
    if (key.find(' ') != std::string::npos) return false;
    i = eq + 1;
    std::string value;
    if (i < text.size() && text[i] == '"') {
      ++i;
      if (!read_quoted(text, i, value)) return false;
    } else {
      const std::size_t end = std::min(text.find(' ', i), text.size());
      value = std::string(text.substr(i, end - i));
      i = end;
    }
    out.emplace_back(std::move(key), std::move(value));
    if (i < text.size()) {
      if (text[i] != ' ') return false;
      ++i;
    }
  }
  return true;
}

void log_connection(const ConnectionEvent& e, spdlog::level::level_enum level) {
  auto log = logger(kConnectionLogger);
  if (!log->should_log(level)) return;
  log->log(level, "{}", to_logfmt(e));
}

}  // namespace cellemu::core
