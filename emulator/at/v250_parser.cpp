#include "emulator/at/v250_parser.h"

#include <cctype>

namespace cellemu::at {
namespace {

bool is_extended_prefix(char c) {
  return c == '+' || c == '^' || c == '%' || c == '$' || c == '#' || c == '*';
}
bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '!' ||
         c == '%' || c == '-' || c == '/' || c == ':';
}
char upper(char c) {
  return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool done() const { return pos_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[pos_]; }
  char get() { return s_[pos_++]; }
  void skip_spaces() {
    while (!done() && s_[pos_] == ' ') ++pos_;
  }
  bool accept(char c) {
    if (peek() != c || done()) return false;
    ++pos_;
    return true;
  }
  std::string digits() {
    std::string out;
    while (!done() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) out += s_[pos_++];
    return out;
  }
  // Raw text up to an unquoted ';' or the end; nullopt if a quote is left open.
  std::optional<std::string> until_separator() {
    std::string out;
    bool quoted = false;
    while (!done()) {
      const char c = s_[pos_];
      if (c == '"') quoted = !quoted;
      if (c == ';' && !quoted) break;
      out += c;
      ++pos_;
    }
    if (quoted) return std::nullopt;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }
  std::string rest() {
    std::string out(s_.substr(pos_));
    pos_ = s_.size();
    return out;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

bool parse_extended(Scanner& in, AtCommand& cmd) {
  cmd.extended = true;
  cmd.name += in.get();
  while (!in.done() && is_name_char(in.peek())) cmd.name += upper(in.get());
  if (cmd.name.size() < 2) return false;
  in.skip_spaces();
  if (in.accept('=')) {
    in.skip_spaces();
    if (in.accept('?')) {
      cmd.kind = CommandKind::Test;
    } else {
      auto args = in.until_separator();
      if (!args) return false;
      cmd.kind = CommandKind::Set;
      cmd.args = std::move(*args);
    }
  } else if (in.accept('?')) {
    cmd.kind = CommandKind::Read;
  }
  in.skip_spaces();
  // An extended command must be the last one or be followed by ';'.
  return in.done() || in.accept(';');
}

bool parse_s_register(Scanner& in, AtCommand& cmd) {
  const std::string reg = in.digits();
  if (reg.empty()) return false;
  cmd.name = "S" + reg;
  if (in.accept('?')) {
    cmd.kind = CommandKind::Read;
  } else if (in.accept('=')) {
    if (in.accept('?')) {
      cmd.kind = CommandKind::Test;
    } else {
      cmd.kind = CommandKind::Set;
      cmd.args = in.digits();
      if (cmd.args.empty()) return false;
    }
  }
  return true;
}

bool parse_basic(Scanner& in, AtCommand& cmd) {
  char c = upper(in.get());
  if (c == '&') {
    if (in.done() || !std::isalpha(static_cast<unsigned char>(in.peek()))) return false;
    cmd.name = std::string("&") + upper(in.get());
  } else if (std::isalpha(static_cast<unsigned char>(c))) {
    if (c == 'S') return parse_s_register(in, cmd);
    cmd.name = std::string(1, c);
    if (c == 'D') {  // dial string runs to the end of the line
      cmd.args = in.rest();
      return true;
    }
  } else {
    return false;
  }
  cmd.args = in.digits();
  if (in.accept('?')) cmd.kind = CommandKind::Read;
  return true;
}

}  // namespace

bool parse_command_line(std::string_view body, std::vector<AtCommand>& out) {
  out.clear();
  Scanner in(body);
  in.skip_spaces();
  while (!in.done()) {
    AtCommand& cmd = out.emplace_back();
    const bool ok = is_extended_prefix(in.peek()) ? parse_extended(in, cmd) : parse_basic(in, cmd);
    if (!ok) {
      out.clear();
      return false;
    }
    in.skip_spaces();
    while (in.accept(';')) in.skip_spaces();
  }
  return true;
}

std::optional<std::vector<AtCommand>> parse_command_line(std::string_view body) {
  std::vector<AtCommand> commands;
  if (!parse_command_line(body, commands)) return std::nullopt;
  return commands;
}

}  // namespace cellemu::at
