#include "emulator/replay/serial_log.h"

#include <cctype>

namespace cellemu::replay {
namespace {

constexpr std::string_view kLlcomHost = "\xE5\x8F\x91\xE2\x86\x92\xE2\x97\x87";    // 发→◇
constexpr std::string_view kLlcomModule = "\xE6\x94\xB6\xE2\x86\x90\xE2\x97\x86";  // 收←◆
constexpr std::string_view kArrowRight = "\xE2\x86\x92";                           // →
constexpr std::string_view kArrowLeft = "\xE2\x86\x90";                            // ←

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct Header {
  LogEntry::Kind kind;
  std::string time;
  std::string_view rest;
  bool exact = false;  // cellemu trace: the rest is the whole (escaped) entry
};

// "[time]..." -> the direction marker and what follows it on the line.
std::optional<Header> header(std::string_view line) {
  if (line.empty() || line[0] != '[') return std::nullopt;
  const auto close = line.find(']');
  if (close == std::string_view::npos) return std::nullopt;
  Header h{LogEntry::Kind::Host, std::string(line.substr(1, close - 1)), {}};
  std::string_view rest = line.substr(close + 1);
  if (rest.starts_with(kLlcomHost)) {
    h.rest = rest.substr(kLlcomHost.size());
    return h;
  }
  if (rest.starts_with(kLlcomModule)) {
    h.kind = LogEntry::Kind::Module;
    h.rest = rest.substr(kLlcomModule.size());
    return h;
  }
  // cellemu trace: "[time] → data" or "[time] modem0 → data".
  for (const auto& [arrow, kind] : {std::pair{kArrowRight, LogEntry::Kind::Host},
                                    std::pair{kArrowLeft, LogEntry::Kind::Module}}) {
    const auto at = rest.find(arrow);
    if (at == std::string_view::npos) continue;
    const auto before = rest.substr(0, at);
    if (before.find_first_not_of(' ') != std::string_view::npos &&
        before.find(' ', before.find_first_not_of(' ')) != before.size() - 1) {
      continue;  // more than one word before the arrow: not a trace header
    }
    h.kind = kind;
    h.rest = rest.substr(at + arrow.size());
    if (!h.rest.empty() && h.rest[0] == ' ') h.rest.remove_prefix(1);
    h.exact = true;
    return h;
  }
  return std::nullopt;
}

// LLCOM host text: the tool adds CR LF unless the entry ends in a control byte.
void finish_llcom_host(LogEntry& e) {
  std::string& d = e.data;
  if (d.ends_with("\\noeol")) {
    d = unescape(std::string_view(d).substr(0, d.size() - 6));
    return;
  }
  // Lines the tool showed separately were sent with CR LF between them.
  std::string crlf;
  for (const char c : d) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  d = unescape(crlf);
  if (d.empty()) return;
  const auto last = static_cast<unsigned char>(d.back());
  if (last == 0x1A || last == 0x1B) return;
  d += "\r\n";
}

}  // namespace

std::string unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 >= text.size()) {
      out += text[i];
      continue;
    }
    const char n = text[i + 1];
    if (n == 'r' || n == 'n' || n == 't' || n == '\\') {
      out += n == 'r' ? '\r' : n == 'n' ? '\n' : n == 't' ? '\t' : '\\';
      ++i;
    } else if (n == 'x' && i + 3 < text.size() + 0 && hex(text[i + 2]) >= 0 &&
               hex(text[i + 3]) >= 0) {
      out += static_cast<char>(hex(text[i + 2]) * 16 + hex(text[i + 3]));
      i += 3;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::optional<std::vector<LogEntry>> parse_serial_log(std::string_view text, std::string& error) {
  std::vector<LogEntry> out;
  bool open_llcom = false;  // the last entry may continue on following lines
  int number = 0;
  auto close_entry = [&] {
    if (open_llcom && out.back().kind == LogEntry::Kind::Host) finish_llcom_host(out.back());
    open_llcom = false;
  };
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.starts_with("#!") || line.starts_with("#>")) {
      close_entry();
      std::string_view body = line.substr(2);
      while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
      if (body.empty()) {
        error = "line " + std::to_string(number) + ": empty directive";
        return std::nullopt;
      }
      LogEntry e{
          line[1] == '!' ? LogEntry::Kind::Fault : LogEntry::Kind::HiddenHost, {}, {}, number};
      e.data = line[1] == '!' ? std::string(body) : unescape(body) + "\r\n";
      out.push_back(std::move(e));
      continue;
    }
    if (line.starts_with("#")) continue;
    if (auto h = header(line)) {
      close_entry();
      LogEntry e{h->kind, h->time, std::string(h->rest), number};
      if (h->exact) {
        e.data = unescape(e.data);
      } else {
        open_llcom = true;
      }
      out.push_back(std::move(e));
      continue;
    }
    if (open_llcom) {
      out.back().data += "\n";  // the tool showed a line break: compared as lines
      out.back().data += line;
    } else if (line.find_first_not_of(" \t") != std::string_view::npos) {
      error = "line " + std::to_string(number) +
              ": text outside an entry (expected \"[time]发→◇...\", \"[time]收←◆...\", "
              "\"[time] → ...\" or a # comment)";
      return std::nullopt;
    }
  }
  close_entry();
  return out;
}

}  // namespace cellemu::replay
